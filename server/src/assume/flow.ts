import { SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { stringValue } from '../model/ast';
import { AwsProblem, describeAwsError, plainWords } from './awsErrors';
import { AwsClients, AwsConnectionOptions, callAws, CancelledError, createAwsClients, createSessionStsClient, EndpointError, whoAmI } from './connection';
import { SessionCredentials } from './credentials';
import { checkDuration, DEFAULT_DURATION, DurationProblem, durationRangeProblem } from './duration';
import { EditedDocumentInput, EditedPolicy, readEditedPolicy } from './editedPolicy';
import { CallerIdentity } from './identity';
import { AssumeRequestFacts, Preflight, runPreflight, statementLabel } from './preflight';
import { policyDiff } from './policyText';
import { FlowControl } from './prompter';
import { chooseRole, fetchRole, parseRoleArn, roleArnProblem, RoleDetails } from './roles';
import { DEFAULT_SESSION_NAME_TEMPLATE, sessionNameFromTemplate, sessionNameProblem } from './sessionName';

/**
 * "Assume this role", without the editor: which role, who am I, the preflight on the edited
 * policy, the deployed policy compared, the duration checked, then sts:AssumeRole and a
 * GetCallerIdentity with the new credentials. Every failure comes back as an outcome in plain
 * words with its likely cause; only the prompter's own errors (the CLI's "pass --flag") escape.
 */

export interface AssumeInput extends EditedDocumentInput {
  roleArn?: string;
  /** '' sends none on purpose; undefined asks when the policy wants one. */
  externalId?: string;
  mfa?: { serialNumber: string; tokenCode: string };
  durationSeconds?: number;
  /** Taken as typed (checked, not sanitised); otherwise the template makes one. */
  sessionName?: string;
  /** `{user}`, `{account}`, `{role}`, `{time}`; default DEFAULT_SESSION_NAME_TEMPLATE. */
  sessionNameTemplate?: string;
  sourceIdentity?: string;
  principalOrgId?: string;
  principalTags?: Record<string, string>;
}

export interface AssumeDependencies extends FlowControl {
  connection: AwsConnectionOptions;
  now?: () => Date;
}

export interface DeployedComparison {
  status: 'same' | 'different' | 'unavailable';
  /** `-` deployed, `+` edited. */
  diff?: string;
  /** Why the deployed policy could not be compared. */
  reason?: string;
}

interface OutcomeContext {
  caller?: CallerIdentity;
  roleArn?: string;
  preflight?: Preflight;
  deployed?: DeployedComparison;
  /** Things worth knowing that are not the answer (a note per line). */
  notes: string[];
}

export interface AssumeSuccess extends OutcomeContext {
  kind: 'assumed';
  caller: CallerIdentity;
  roleArn: string;
  assumedRoleArn: string;
  assumedRoleId: string;
  account: string;
  sessionName: string;
  durationSeconds: number;
  expiration: Date;
  /** In memory only; never logged (see SessionCredentials). */
  credentials: SessionCredentials;
}

/**
 * - denied: STS refused, or would (duration over the role's maximum or the chaining cap);
 * - invalid: the input cannot be sent (bad duration, session name, role ARN, endpoint, document);
 * - credentials: no, expired or rejected credentials, or no region;
 * - cancelled; error: network, time-outs and anything else.
 */
export type AssumeFailureKind = 'denied' | 'invalid' | 'credentials' | 'cancelled' | 'error';

export interface AssumeFailure extends OutcomeContext {
  kind: AssumeFailureKind;
  /** The answer in plain words, cause included. */
  message: string;
  /** The likely cause on its own, when one was found. */
  cause?: string;
  problem?: AwsProblem;
  durationProblems?: DurationProblem[];
}

export type AssumeOutcome = AssumeSuccess | AssumeFailure;

const CREDENTIAL_KINDS = new Set(['expired-credentials', 'invalid-credentials', 'no-credentials', 'no-region']);

function failureFromProblem(problem: AwsProblem, profile: string | undefined, context: OutcomeContext): AssumeFailure {
  const kind: AssumeFailureKind =
    problem.kind === 'cancelled' ? 'cancelled' : problem.kind === 'endpoint' ? 'invalid' : CREDENTIAL_KINDS.has(problem.kind) ? 'credentials' : 'error';
  return { ...context, kind, message: plainWords(problem, profile), problem };
}

/**
 * A session ARN carries no role path; iam:GetRole on the caller's own role tells it, which makes
 * aws:PrincipalArn known to the preflight. Not being allowed to ask is common and costs nothing.
 */
async function withRolePath(clients: AwsClients, caller: CallerIdentity, signal?: AbortSignal): Promise<CallerIdentity> {
  if (caller.kind !== 'role-session' || !caller.roleName) return caller;
  try {
    const role = await fetchRole(clients, caller.roleName, signal);
    return { ...caller, roleArn: role.arn, rolePathKnown: true };
  } catch (e) {
    if (describeAwsError(e).kind === 'cancelled') throw e;
    return caller;
  }
}

/** The role ARN: given, named by the document (CloudFormation/Terraform role facts), or chosen. */
async function resolveRoleArn(input: AssumeInput, edited: EditedPolicy, caller: CallerIdentity, clients: AwsClients, control: FlowControl): Promise<string | undefined> {
  if (input.roleArn !== undefined) return input.roleArn.trim();
  const named = stringValue(edited.source.role?.roleName);
  if (named) return `arn:${caller.partition}:iam::${caller.account}:role/${named}`;
  return chooseRole(clients, caller.account, edited.json, control);
}

interface RoleFacts {
  details?: RoleDetails;
  deployed: DeployedComparison;
  missing?: boolean;
}

/** iam:GetRole, when the role is in the caller's account and the caller may read it. */
async function readRole(clients: AwsClients, roleArn: string, caller: CallerIdentity, edited: EditedPolicy, control: FlowControl): Promise<RoleFacts> {
  const parts = parseRoleArn(roleArn)!;
  if (parts.account !== caller.account) {
    return {
      deployed: {
        status: 'unavailable',
        reason: `The role is in account ${parts.account} and you are signed in to ${caller.account}; IAM answers only about your own account, so the deployed trust policy cannot be read.`,
      },
    };
  }
  control.progress?.(`Reading role ${parts.name} (iam:GetRole)`);
  let details: RoleDetails;
  try {
    details = await fetchRole(clients, parts.name, control.signal);
  } catch (e) {
    const problem = describeAwsError(e);
    if (problem.kind === 'access-denied') {
      return { deployed: { status: 'unavailable', reason: `iam:GetRole is not allowed for you (${problem.message}); the deployed trust policy was not compared.` } };
    }
    if (problem.kind === 'not-found') return { missing: true, deployed: { status: 'unavailable', reason: `Role ${parts.name} does not exist in account ${caller.account}.` } };
    throw e;
  }
  const deployedJson = details.trustPolicy?.json;
  let deployed: DeployedComparison;
  if (deployedJson === undefined) deployed = { status: 'unavailable', reason: 'IAM returned no readable trust policy for the role.' };
  else if (edited.json === undefined) deployed = { status: 'unavailable', reason: edited.jsonProblem?.message };
  else {
    const diff = policyDiff(deployedJson, edited.json);
    deployed = diff ? { status: 'different', diff } : { status: 'same' };
  }
  return { details, deployed };
}

/** ExternalId and MFA, asked for when the policy wants them and the input did not say. */
async function collectInputs(input: AssumeInput, preflight: Preflight, caller: CallerIdentity, control: FlowControl): Promise<{ externalId?: string; mfa?: AssumeInput['mfa'] } | undefined> {
  let externalId = input.externalId;
  const ids = preflight.needs.externalIds;
  if (externalId === undefined && ids.length) {
    const asking = preflight.statements.find((s) => s.conditions.some((c) => c.entry.key.toLowerCase() === 'sts:externalid'));
    externalId = await control.prompter.enterExternalId({
      prefill: ids.length === 1 && !/[*?]/.test(ids[0]) ? ids[0] : undefined,
      candidates: ids,
      reason: `${asking ? statementLabel(asking, true) : 'The policy'} asks for an sts:ExternalId.`,
    });
    if (externalId === undefined) return undefined;
  }
  let mfa = input.mfa;
  if (!mfa && preflight.needs.mfa) {
    mfa = await control.prompter.enterMfa({
      serialSuggestion: caller.kind === 'user' ? `arn:${caller.partition}:iam::${caller.account}:mfa/${caller.name}` : undefined,
      reason: 'The policy asks for multi-factor authentication (aws:MultiFactorAuthPresent).',
    });
    if (!mfa) return undefined;
  }
  return { externalId: externalId || undefined, mfa: mfa?.serialNumber ? mfa : undefined };
}

/** The principal whose identity policies SimulatePrincipalPolicy can evaluate. */
function simulationSource(caller: CallerIdentity): string | undefined {
  if (caller.kind === 'user') return caller.arn;
  if (caller.kind === 'role-session') return caller.roleArn;
  return undefined;
}

/** Whether the caller's own policies allow sts:AssumeRole on the role, when IAM lets us ask. */
async function simulateOwnPolicies(clients: AwsClients, caller: CallerIdentity, roleArn: string, signal?: AbortSignal): Promise<string | { unavailable: string }> {
  const source = simulationSource(caller);
  if (!source) return { unavailable: 'your identity cannot be simulated' };
  try {
    const out = await callAws('IAM SimulatePrincipalPolicy', clients.timeoutMs, signal, (abortSignal) =>
      clients.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: source, ActionNames: ['sts:AssumeRole'], ResourceArns: [roleArn] }), { abortSignal }),
    );
    return out.EvaluationResults?.[0]?.EvalDecision ?? 'implicitDeny';
  } catch (e) {
    const problem = describeAwsError(e);
    if (problem.kind === 'cancelled') throw e;
    return { unavailable: `iam:SimulatePrincipalPolicy could not tell (${problem.message})` };
  }
}

/** Why STS said AccessDenied, from the preflight, the deployed policy and, if needed, a simulation. */
async function accessDeniedCause(clients: AwsClients, ctx: Required<Pick<OutcomeContext, 'caller' | 'roleArn' | 'preflight' | 'deployed'>>, role: RoleFacts, signal?: AbortSignal): Promise<string> {
  const { caller, roleArn, preflight, deployed } = ctx;
  if (role.missing) return `${deployed.reason} STS answers AccessDenied for a role that does not exist.`;
  const differs = deployed.status === 'different' ? ' STS checked the deployed trust policy, which differs from the file (see the diff).' : '';
  if (preflight.verdict === 'denied') return `${preflight.summary}${differs}`;
  if (deployed.status === 'different') {
    return `The file would let you in (${preflight.summary}), but STS checks the deployed trust policy, which differs from the file: apply the edited policy first.`;
  }
  const unread = deployed.status === 'unavailable' ? ` (${deployed.reason})` : '';
  const crossAccount = parseRoleArn(roleArn)?.account !== caller.account;
  if (!preflight.needsIdentityPolicy && preflight.verdict === 'allowed') {
    return `The file names you directly, so either the deployed trust policy differs${unread}, or a service control policy or permissions boundary denies sts:AssumeRole.`;
  }
  // When the file's answer depends on something unknown here, say so first: it may be the reason.
  const undecided = preflight.verdict === 'unknown' ? `${preflight.summary} ` : '';
  const decision = await simulateOwnPolicies(clients, caller, roleArn, signal);
  if (typeof decision === 'string' && decision !== 'allowed') {
    const both = crossAccount ? 'For a cross-account role both sides must allow it: the trust policy and your own account\'s policies.' : 'The trust policy trusts your whole account, so your own policies must allow it too.';
    return `Your own IAM policies do not grant sts:AssumeRole on ${roleArn} (iam:SimulatePrincipalPolicy: ${decision}). ${both} Add an Allow for sts:AssumeRole on this role to ${simulationSource(caller)}.`;
  }
  if (decision === 'allowed') {
    return `${undecided}Your own IAM policies allow sts:AssumeRole on this role (iam:SimulatePrincipalPolicy), so the deployed trust policy must refuse you${unread}, or a service control policy denies it.`;
  }
  return `${undecided}Either the deployed trust policy refuses you${unread}, or your own IAM policies do not grant sts:AssumeRole on this role (both must allow it); ${decision.unavailable}.`;
}

function validationWords(message: string): string {
  if (/role chaining/i.test(message)) return `${message} You are signed in as a role session, and a role assumed from one is capped at 1 hour: ask for at most 3600 seconds.`;
  if (/MaxSessionDuration/i.test(message)) return `${message} Ask for a shorter duration, or raise the role's MaxSessionDuration (the apply command can).`;
  if (/roleSessionName/i.test(message)) return `${message} Session names are 2-64 characters of letters, digits and _+=,.@-.`;
  if (/externalId/i.test(message)) return `${message} An ExternalId is 2-1224 characters of letters, digits and _+=,.@:/-.`;
  return message;
}

/** A profile with `role_arn` and `mfa_serial` asks for a code while the SDK resolves credentials. */
function profileMfaCode(control: FlowControl): (serial: string) => Promise<string> {
  return async (serial) => {
    const answer = await control.prompter.enterMfa({ serialSuggestion: serial, reason: `Your profile's role needs an MFA code for ${serial}.` });
    if (!answer?.tokenCode) throw new CancelledError();
    return answer.tokenCode;
  };
}

export async function assumeRoleFlow(input: AssumeInput, deps: AssumeDependencies): Promise<AssumeOutcome> {
  const notes: string[] = [];
  const profile = deps.connection.profile;
  const edited = readEditedPolicy(input);
  if ('problem' in edited) return { kind: 'invalid', message: edited.problem, notes };
  if (edited.jsonProblem) notes.push(edited.jsonProblem.message);
  // What can be checked without AWS is checked before the first call.
  const range = input.durationSeconds === undefined ? undefined : durationRangeProblem(input.durationSeconds);
  if (range) return { kind: 'invalid', message: range.message, durationProblems: [range], notes };
  const typedNameProblem = input.sessionName === undefined ? undefined : sessionNameProblem(input.sessionName);
  if (typedNameProblem) return { kind: 'invalid', message: typedNameProblem, notes };
  if (input.roleArn !== undefined && roleArnProblem(input.roleArn.trim())) return { kind: 'invalid', message: roleArnProblem(input.roleArn.trim())!, notes };

  let clients: AwsClients;
  try {
    clients = createAwsClients({ ...deps.connection, mfaCodeProvider: deps.connection.mfaCodeProvider ?? profileMfaCode(deps) });
  } catch (e) {
    if (e instanceof EndpointError) return { kind: 'invalid', message: e.message, notes };
    throw e;
  }
  const context: OutcomeContext = { notes };
  try {
    deps.progress?.('Asking STS who you are');
    const caller = (context.caller = await withRolePath(clients, await whoAmI(clients, deps.signal), deps.signal));

    const roleArn = await resolveRoleArn(input, edited, caller, clients, deps);
    if (roleArn === undefined) return { ...context, kind: 'cancelled', message: 'Cancelled.' };
    const arnProblem = roleArnProblem(roleArn);
    if (arnProblem) return { ...context, kind: 'invalid', message: arnProblem };

    const role = await readRole(clients, roleArn, caller, edited, deps);
    context.roleArn = role.details?.arn ?? roleArn;
    context.deployed = role.deployed;

    const sessionName =
      input.sessionName ??
      sessionNameFromTemplate(input.sessionNameTemplate ?? DEFAULT_SESSION_NAME_TEMPLATE, {
        user: caller.name,
        account: caller.account,
        role: parseRoleArn(context.roleArn)!.name,
        now: (deps.now ?? (() => new Date()))(),
      });
    const nameProblem = sessionNameProblem(sessionName);
    if (nameProblem) return { ...context, kind: 'invalid', message: nameProblem };

    const facts: AssumeRequestFacts = {
      caller,
      roleArn: context.roleArn,
      sessionName,
      sourceIdentity: input.sourceIdentity,
      externalId: input.externalId || undefined,
      mfa: !!input.mfa?.serialNumber,
      // The config's organization id holds for the accounts the config says are the user's own.
      principalOrgId: input.principalOrgId ?? (input.config?.organizationId && input.config.ownAccountIds.includes(caller.account) ? input.config.organizationId : undefined),
      principalTags: input.principalTags,
    };
    const inputs = await collectInputs(input, runPreflight(edited.source.policy, facts), caller, deps);
    if (!inputs) return { ...context, kind: 'cancelled', message: 'Cancelled.' };
    const finalFacts = { ...facts, externalId: inputs.externalId, mfa: !!inputs.mfa };
    const preflight = (context.preflight = runPreflight(edited.source.policy, finalFacts));
    // A source identity also needs sts:SetSourceIdentity in the trust policy (wire doc §6).
    const sourcePreflight = input.sourceIdentity === undefined ? undefined : runPreflight(edited.source.policy, finalFacts, 'sts:SetSourceIdentity');

    const durationSeconds = input.durationSeconds ?? DEFAULT_DURATION;
    const durationProblems = checkDuration({ seconds: durationSeconds, caller, maxSessionDuration: role.details?.maxSessionDuration });
    if (durationProblems.length) {
      return {
        ...context,
        kind: durationProblems.some((p) => p.kind === 'range') ? 'invalid' : 'denied',
        message: durationProblems.map((p) => p.message).join(' '),
        durationProblems,
      };
    }

    deps.progress?.(`Assuming ${context.roleArn}`);
    let assumed;
    try {
      assumed = await callAws('STS AssumeRole', clients.timeoutMs, deps.signal, (abortSignal) =>
        clients.sts.send(
          new AssumeRoleCommand({
            RoleArn: context.roleArn,
            RoleSessionName: sessionName,
            DurationSeconds: durationSeconds,
            ExternalId: inputs.externalId,
            SerialNumber: inputs.mfa?.serialNumber,
            TokenCode: inputs.mfa?.tokenCode,
            SourceIdentity: input.sourceIdentity,
          }),
          { abortSignal },
        ),
      );
    } catch (e) {
      const problem = describeAwsError(e);
      if (problem.kind === 'access-denied') {
        deps.progress?.('Working out why STS said no');
        const cause =
          sourcePreflight?.verdict === 'denied' && /SetSourceIdentity/.test(problem.message)
            ? `Setting a source identity needs sts:SetSourceIdentity as well: ${sourcePreflight.summary}`
            : await accessDeniedCause(clients, { caller, roleArn: context.roleArn, preflight, deployed: role.deployed }, role, deps.signal);
        return { ...context, kind: 'denied', problem, cause, message: `STS refused: ${problem.message}\nLikely cause: ${cause}` };
      }
      if (problem.kind === 'mfa-failed') {
        return { ...context, kind: 'denied', problem, message: `STS refused the MFA code (${problem.message}): check the device's serial number and enter a fresh code.` };
      }
      if (problem.kind === 'validation') {
        const chainingOrMax = /DurationSeconds exceeds/i.test(problem.message);
        return { ...context, kind: chainingOrMax ? 'denied' : 'invalid', problem, message: validationWords(problem.message) };
      }
      return failureFromProblem(problem, profile, context);
    }

    const c = assumed.Credentials!;
    const credentials = new SessionCredentials(c.AccessKeyId!, c.SecretAccessKey!, c.SessionToken!, c.Expiration!);
    deps.progress?.('Checking the new credentials (sts:GetCallerIdentity)');
    const sessionClient = createSessionStsClient(deps.connection, credentials.sdkCredentials());
    let proven;
    try {
      proven = await callAws('STS GetCallerIdentity', clients.timeoutMs, deps.signal, (abortSignal) => sessionClient.send(new GetCallerIdentityCommand({}), { abortSignal }));
    } finally {
      sessionClient.destroy();
    }
    if (preflight.verdict === 'denied') {
      notes.push(`STS let you in although the file's policy would not (${preflight.summary}): the deployed trust policy differs from the file.`);
    }
    return {
      ...context,
      kind: 'assumed',
      caller,
      roleArn: context.roleArn,
      assumedRoleArn: proven.Arn!,
      assumedRoleId: assumed.AssumedRoleUser?.AssumedRoleId ?? proven.UserId!,
      account: proven.Account!,
      sessionName,
      durationSeconds,
      expiration: credentials.expiration,
      credentials,
    };
  } catch (e) {
    const problem = describeAwsError(e);
    if (problem.kind === 'other' && !(e as { $metadata?: unknown })?.$metadata) {
      // Not an AWS answer: a prompter error (the CLI's "pass --flag") or a bug; let it through.
      throw e;
    }
    return failureFromProblem(problem, profile, context);
  } finally {
    clients.destroy();
  }
}
