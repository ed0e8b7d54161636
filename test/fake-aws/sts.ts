import { evaluate, RequestContext, RequestPrincipal } from './evaluate';
import { Caller, FakeAwsState, RoleState } from './state';
import { EXTERNAL_ID_PATTERN, numberProblems, SESSION_NAME_PATTERN, stringProblems, throwIfInvalid } from './validation';
import { AwsFault, success, XmlAnswer } from './xml';

/**
 * STS AssumeRole and GetCallerIdentity, checked in the order of aws-sts-iam-wire.md §7 (2):
 * validation, then authorisation (trust policy and, where needed, the caller's own policies), then
 * the role-chaining cap, then the role's MaxSessionDuration.
 */

export interface ActionInput {
  params: URLSearchParams;
  caller: Caller;
  state: FakeAwsState;
}

function principalOf(caller: Caller): RequestPrincipal {
  return { arn: caller.arn, account: caller.account, roleArn: caller.kind === 'session' ? caller.session.role.arn : undefined };
}

/** The global keys IAM puts in every request context, as far as the fixture knows them. */
export function callerContext(caller: Caller, state: FakeAwsState): RequestContext {
  const ctx: RequestContext = new Map();
  ctx.set('aws:principalarn', [caller.kind === 'session' ? caller.session.role.arn : caller.arn]);
  ctx.set('aws:principalaccount', [caller.account]);
  ctx.set('aws:principaltype', [caller.kind === 'session' ? 'AssumedRole' : 'User']);
  ctx.set('aws:userid', [caller.userId]);
  const org = state.accounts[caller.account]?.orgId;
  if (org) ctx.set('aws:principalorgid', [org]);
  if (caller.kind === 'session' && caller.session.mfa) ctx.set('aws:multifactorauthpresent', ['true']);
  return ctx;
}

function notAuthorized(caller: Caller, action: string, roleArn: string): AwsFault {
  return new AwsFault(403, 'AccessDenied', `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${roleArn}`);
}

/** Both sides must allow: the role's trust policy always; the caller's policies unless the trust names the caller in the same account. */
function authorised(state: FakeAwsState, caller: Caller, role: RoleState, action: string, ctx: RequestContext): boolean {
  let trustDoc: unknown;
  try {
    trustDoc = JSON.parse(role.trustPolicy);
  } catch {
    return false;
  }
  const trust = evaluate([trustDoc], action, role.arn, ctx, principalOf(caller));
  const identity = evaluate(state.identityPolicies(caller), action, role.arn, ctx);
  if (trust.deny || identity.deny || !trust.allow) return false;
  const trustAlone = trust.allow === 'direct' && caller.account === role.account;
  return trustAlone || identity.allow !== undefined;
}

function assumeRole({ params, caller, state }: ActionInput): XmlAnswer {
  const roleArn = params.get('RoleArn') ?? undefined;
  const sessionName = params.get('RoleSessionName') ?? undefined;
  const externalId = params.get('ExternalId') ?? undefined;
  const sourceIdentity = params.get('SourceIdentity') ?? undefined;
  const serialNumber = params.get('SerialNumber') ?? undefined;
  const tokenCode = params.get('TokenCode') ?? undefined;
  const durationText = params.get('DurationSeconds') ?? undefined;
  throwIfInvalid([
    ...stringProblems({ member: 'roleArn', value: roleArn, required: true, min: 20, max: 2048 }),
    ...stringProblems({ member: 'roleSessionName', value: sessionName, required: true, min: 2, max: 64, ...SESSION_NAME_PATTERN }),
    ...stringProblems({ member: 'externalId', value: externalId, min: 2, max: 1224, ...EXTERNAL_ID_PATTERN }),
    ...stringProblems({ member: 'sourceIdentity', value: sourceIdentity, min: 2, max: 64, ...SESSION_NAME_PATTERN }),
    ...stringProblems({ member: 'serialNumber', value: serialNumber, min: 9, max: 256, pattern: /^[\w+=/:,.@-]*$/, patternText: '[\\w+=/:,.@-]*' }),
    ...stringProblems({ member: 'tokenCode', value: tokenCode, min: 6, max: 6, pattern: /^\d*$/, patternText: '[\\d]*' }),
    ...numberProblems({ member: 'durationSeconds', value: durationText, min: 900, max: 43200 }),
  ]);
  const duration = durationText === undefined ? 3600 : Number(durationText);

  let mfa = caller.kind === 'session' && caller.session.mfa;
  if (serialNumber !== undefined || tokenCode !== undefined) {
    const device = caller.kind === 'user' ? caller.user.mfa : undefined;
    if (!device || device.serial !== serialNumber || device.code !== tokenCode) {
      throw new AwsFault(403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.');
    }
    mfa = true;
  }

  const ctx = callerContext(caller, state);
  ctx.set('sts:rolesessionname', [sessionName!]);
  if (externalId !== undefined) ctx.set('sts:externalid', [externalId]);
  if (sourceIdentity !== undefined) ctx.set('sts:sourceidentity', [sourceIdentity]);
  if (mfa) ctx.set('aws:multifactorauthpresent', ['true']);

  // A missing role gets the same answer as a refused one (wire doc §3).
  const role = state.roleByArn(roleArn!);
  if (!role || !authorised(state, caller, role, 'sts:AssumeRole', ctx)) throw notAuthorized(caller, 'sts:AssumeRole', roleArn!);
  if (sourceIdentity !== undefined) {
    if (sourceIdentity.toLowerCase().startsWith('aws:')) {
      throw new AwsFault(400, 'ValidationError', 'SourceIdentity must not begin with the prefix aws:');
    }
    if (!authorised(state, caller, role, 'sts:SetSourceIdentity', ctx)) throw notAuthorized(caller, 'sts:SetSourceIdentity', roleArn!);
  }
  const chaining = caller.kind === 'session' && !caller.session.ec2;
  if (chaining && duration > 3600) {
    throw new AwsFault(400, 'ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (duration > role.maxSessionDuration) {
    throw new AwsFault(400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }

  const session = state.issueSession(role, sessionName!, duration, mfa, sourceIdentity);
  role.lastUsed = { date: state.now(), region: 'us-east-1' };
  return success('sts', 'AssumeRole', {
    SourceIdentity: sourceIdentity,
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: session.expiration,
    },
    AssumedRoleUser: {
      AssumedRoleId: `${role.roleId}:${sessionName}`,
      Arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`,
    },
  });
}

function getCallerIdentity({ caller }: ActionInput): XmlAnswer {
  // Never AccessDenied: "No permissions are required to perform this operation" (wire doc §1.2).
  return success('sts', 'GetCallerIdentity', { Arn: caller.arn, UserId: caller.userId, Account: caller.account });
}

export const STS_ACTIONS: Record<string, (input: ActionInput) => XmlAnswer> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
};
