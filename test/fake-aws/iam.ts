import { evaluate, RequestContext } from './evaluate';
import { Caller, FakeAwsState, RoleState } from './state';
import { ActionInput, callerContext } from './sts';
import { numberProblems, stringProblems, throwIfInvalid } from './validation';
import { AwsFault, success, XmlAnswer, XmlValue } from './xml';

/**
 * IAM GetRole, ListRoles, UpdateAssumeRolePolicy, UpdateRole and SimulatePrincipalPolicy, in the
 * caller's own account (IAM never answers about another account's roles). Every action is
 * authorised against the caller's identity policies, with IAM's AccessDenied wording (wire doc §2.3).
 */

/** RFC 3986 unreserved characters stay; every other UTF-8 byte is %XX (wire doc §2.1). */
export function encodeRfc3986(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function authorise(state: FakeAwsState, caller: Caller, action: string, resourceArn: string, resourceLabel: string, ctx?: RequestContext): void {
  const decision = evaluate(state.identityPolicies(caller), `iam:${action}`, resourceArn, ctx ?? callerContext(caller, state));
  if (decision.deny) {
    throw new AwsFault(403, 'AccessDenied', `User: ${caller.arn} is not authorized to perform: iam:${action} on resource: ${resourceLabel} with an explicit deny in an identity-based policy`);
  }
  if (!decision.allow) {
    throw new AwsFault(
      403,
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: iam:${action} on resource: ${resourceLabel} because no identity-based policy allows the iam:${action} action`,
    );
  }
}

function roleNameParam(params: URLSearchParams): string {
  const name = params.get('RoleName') ?? undefined;
  throwIfInvalid(stringProblems({ member: 'roleName', value: name, required: true, min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' }));
  return name!;
}

/** Authorises the action on the named role, then finds it (AccessDenied comes before NoSuchEntity). */
function authorisedRole({ params, caller, state }: ActionInput, action: string): RoleState {
  const name = roleNameParam(params);
  const role = state.roleByName(caller.account, name);
  authorise(state, caller, action, role?.arn ?? `arn:aws:iam::${caller.account}:role/${name}`, `role ${name}`);
  if (!role) throw new AwsFault(404, 'NoSuchEntity', `The role with name ${name} cannot be found.`);
  return role;
}

function roleXml(role: RoleState, forList: boolean): { [element: string]: XmlValue } {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodeRfc3986(role.trustPolicy),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    // ListRoles never returns RoleLastUsed, Tags or PermissionsBoundary (wire doc §2.2).
    RoleLastUsed: forList ? undefined : role.lastUsed ? { LastUsedDate: role.lastUsed.date, Region: role.lastUsed.region } : {},
  };
}

function getRole(input: ActionInput): XmlAnswer {
  const role = authorisedRole(input, 'GetRole');
  return success('iam', 'GetRole', { Role: roleXml(role, false) });
}

function listRoles({ params, caller, state }: ActionInput): XmlAnswer {
  const pathPrefix = params.get('PathPrefix') ?? '/';
  const marker = params.get('Marker') ?? undefined;
  const maxItemsText = params.get('MaxItems') ?? undefined;
  throwIfInvalid([
    ...stringProblems({ member: 'pathPrefix', value: pathPrefix, min: 1, max: 512 }),
    ...stringProblems({ member: 'marker', value: marker, min: 1, max: 320 }),
    ...numberProblems({ member: 'maxItems', value: maxItemsText, min: 1, max: 1000 }),
  ]);
  authorise(state, caller, 'ListRoles', `arn:aws:iam::${caller.account}:role${pathPrefix}`, `arn:aws:iam::${caller.account}:role${pathPrefix}`);
  let start = 0;
  if (marker !== undefined) {
    const m = /^offset:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
    if (!m) throw new AwsFault(400, 'ValidationError', 'Invalid Marker.');
    start = Number(m[1]);
  }
  const roles = state.roles.filter((r) => r.account === caller.account && r.path.startsWith(pathPrefix));
  const pageSize = Math.min(maxItemsText === undefined ? 100 : Number(maxItemsText), state.listRolesPageLimit);
  const page = roles.slice(start, start + pageSize);
  const truncated = start + pageSize < roles.length;
  return success('iam', 'ListRoles', {
    Roles: page.map((r) => roleXml(r, true)),
    IsTruncated: truncated,
    Marker: truncated ? Buffer.from(`offset:${start + pageSize}`).toString('base64') : undefined,
  });
}

/** The fake's own reading of a trust policy, with the MalformedPolicyDocument texts of wire doc §2.3. */
function malformedReason(text: string, state: FakeAwsState): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'This policy contains invalid Json';
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'Syntax errors in policy.';
  const d = doc as Record<string, unknown>;
  if ('Version' in d && d.Version !== '2012-10-17' && d.Version !== '2008-10-17') return 'Policy document must be version 2012-10-17 or greater.';
  const statements = Array.isArray(d.Statement) ? d.Statement : d.Statement ? [d.Statement] : [];
  if (statements.length === 0) return 'Syntax errors in policy.';
  for (const s of statements as Record<string, unknown>[]) {
    if (!s || typeof s !== 'object') return 'Syntax errors in policy.';
    if ('Resource' in s || 'NotResource' in s) return 'Has prohibited field Resource';
    const actions = [s.Action ?? []].flat();
    if (actions.some((a) => typeof a !== 'string' || !/^sts:/i.test(a))) return 'AssumeRole policy may only specify STS AssumeRole actions.';
    const principal = s.Principal as Record<string, unknown> | undefined;
    for (const arn of [principal && typeof principal === 'object' ? principal.AWS : []].flat()) {
      if (typeof arn === 'string' && !state.principalExists(arn)) return `Invalid principal in policy: "AWS":"${arn}"`;
    }
  }
  return undefined;
}

function refuseUnmodifiable(role: RoleState): void {
  if (role.unmodifiable) {
    throw new AwsFault(400, 'UnmodifiableEntity', `Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`);
  }
}

function updateAssumeRolePolicy(input: ActionInput): XmlAnswer {
  const document = input.params.get('PolicyDocument') ?? undefined;
  throwIfInvalid(stringProblems({ member: 'policyDocument', value: document, required: true, min: 1, max: 131072 }));
  const role = authorisedRole(input, 'UpdateAssumeRolePolicy');
  refuseUnmodifiable(role);
  const reason = malformedReason(document!, input.state);
  if (reason) throw new AwsFault(400, 'MalformedPolicyDocument', reason);
  // White space is not counted (the product's size-quota rule says the same of the quota).
  const size = JSON.stringify(JSON.parse(document!)).length;
  if (size > input.state.trustPolicyQuota) {
    throw new AwsFault(409, 'LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${input.state.trustPolicyQuota}`);
  }
  role.trustPolicy = document!;
  return success('iam', 'UpdateAssumeRolePolicy', undefined);
}

function updateRole(input: ActionInput): XmlAnswer {
  const max = input.params.get('MaxSessionDuration') ?? undefined;
  const description = input.params.get('Description') ?? undefined;
  throwIfInvalid([
    ...numberProblems({ member: 'maxSessionDuration', value: max, min: 3600, max: 43200 }),
    ...stringProblems({ member: 'description', value: description, max: 1000 }),
  ]);
  const role = authorisedRole(input, 'UpdateRole');
  refuseUnmodifiable(role);
  // "If you do not specify a value for this setting, the default value of one hour is applied."
  role.maxSessionDuration = max === undefined ? 3600 : Number(max);
  if (description !== undefined) role.description = description;
  return success('iam', 'UpdateRole', {});
}

function members(params: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) out.push(params.get(`${name}.member.${i}`)!);
  return out;
}

function simulatePrincipalPolicy({ params, caller, state }: ActionInput): XmlAnswer {
  const source = params.get('PolicySourceArn') ?? undefined;
  throwIfInvalid(stringProblems({ member: 'policySourceArn', value: source, required: true, min: 20, max: 2048 }));
  authorise(state, caller, 'SimulatePrincipalPolicy', source!, source!);
  const user = state.users.find((u) => u.arn === source && u.account === caller.account);
  const role = state.roles.find((r) => r.arn === source && r.account === caller.account);
  if (!user && !role) {
    const m = /:(user|role)\/(?:.*\/)?([^/]+)$/.exec(source!);
    throw new AwsFault(404, 'NoSuchEntity', `The ${m?.[1] ?? 'entity'} with name ${m?.[2] ?? source} cannot be found.`);
  }
  const policies = user ? user.policies : role!.policies;
  const resources = members(params, 'ResourceArns');
  const results: XmlValue[] = [];
  for (const action of members(params, 'ActionNames')) {
    for (const resource of resources.length ? resources : ['*']) {
      const d = evaluate(policies, action, resource, new Map());
      results.push({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: d.deny ? 'explicitDeny' : d.allow ? 'allowed' : 'implicitDeny',
        MatchedStatements: [],
        MissingContextValues: [],
      });
    }
  }
  return success('iam', 'SimulatePrincipalPolicy', { EvaluationResults: results, IsTruncated: false });
}

export const IAM_ACTIONS: Record<string, (input: ActionInput) => XmlAnswer> = {
  GetRole: getRole,
  ListRoles: listRoles,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  UpdateRole: updateRole,
  SimulatePrincipalPolicy: simulatePrincipalPolicy,
};
