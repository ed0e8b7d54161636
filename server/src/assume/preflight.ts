import { asList, Span } from '../model/ast';
import { Principal, Statement, TrustPolicy } from '../model/policy';
import { parseAwsPrincipal } from '../aws/principals';
import { ConditionVerdict, evaluateCondition, RequestContext, Tri, UNKNOWN_VALUE } from './conditions';
import { CallerIdentity } from './identity';

/**
 * The preflight: the edited trust policy evaluated locally against the caller before STS is
 * asked, so the answer can say which statement lets the caller in, or why none does. IAM's rules:
 * an explicit Deny wins over any Allow; an Allow that names the caller (user, role, session) in
 * the role's own account suffices alone, while one that trusts a whole account, or any Allow
 * across accounts, also needs the caller's own policies to allow sts:AssumeRole on the role
 * (IAM User Guide, policy evaluation logic; role trust policies must always allow explicitly).
 */

export interface AssumeRequestFacts {
  caller: CallerIdentity;
  roleArn: string;
  externalId?: string;
  sessionName?: string;
  sourceIdentity?: string;
  /** Whether an MFA serial and code go with the request. */
  mfa: boolean;
  /** aws:PrincipalOrgID when known (config's organizationId for own accounts, say). */
  principalOrgId?: string;
  /** aws:PrincipalTag/<key> when known; undefined = not known. */
  principalTags?: Record<string, string>;
}

export type Verdict = 'allowed' | 'denied' | 'unknown';

/** How a statement's principal covers the caller: by name, through the caller's account, or not. */
export type PrincipalMatch = 'direct' | 'account' | 'none' | 'unknown';

export interface PrincipalVerdict {
  match: PrincipalMatch;
  /** The principal value that decided, for pointing at it. */
  span?: Span;
  reason: string;
}

export interface StatementVerdict {
  index: number;
  sid?: string;
  effect?: 'Allow' | 'Deny';
  span: Span;
  principal: PrincipalVerdict;
  action: { covers: Tri; reason: string };
  conditions: ConditionVerdict[];
  /** Principal, action and every condition together. */
  applies: Tri;
  /** The first reason it does not apply (or cannot be decided), in words. */
  reason: string;
}

export interface PolicyNeeds {
  /** sts:ExternalId values the statements that could let the caller in ask for. */
  externalIds: string[];
  /** A statement that could let the caller in wants aws:MultiFactorAuthPresent / MultiFactorAuthAge. */
  mfa: boolean;
  /** A statement that could let the caller in tests sts:SourceIdentity. */
  sourceIdentity: boolean;
}

export interface Preflight {
  verdict: Verdict;
  allowedBy?: StatementVerdict;
  deniedBy?: StatementVerdict;
  /** The caller's own identity policies must also allow sts:AssumeRole on the role. */
  needsIdentityPolicy: boolean;
  statements: StatementVerdict[];
  needs: PolicyNeeds;
  /** The answer in words, naming statements by index (and Sid). */
  summary: string;
}

/** `statement 2 ("Vendor")`; capitalised to start a sentence. */
export function statementLabel(s: { index: number; sid?: string }, capitalised = false): string {
  const label = s.sid ? `statement ${s.index} ("${s.sid}")` : `statement ${s.index}`;
  return capitalised ? label.charAt(0).toUpperCase() + label.slice(1) : label;
}

function roleAccount(roleArn: string): string | undefined {
  return /^arn:[\w-]+:iam::(\d{12}):role\//.exec(roleArn)?.[1];
}

/** The request context IAM would build for this AssumeRole, as far as it is known here. */
export function requestContext(facts: AssumeRequestFacts): RequestContext {
  const { caller } = facts;
  const ctx: RequestContext = new Map();
  const principalArn = caller.kind === 'role-session' ? caller.roleArn : caller.arn;
  ctx.set('aws:principalarn', caller.kind === 'role-session' && !caller.rolePathKnown ? UNKNOWN_VALUE : [principalArn!]);
  ctx.set('aws:principalaccount', [caller.account]);
  ctx.set('aws:userid', [caller.userId]);
  ctx.set('aws:principaltype', [{ user: 'User', 'role-session': 'AssumedRole', root: 'Account', 'federated-user': 'FederatedUser', other: 'Unknown' }[caller.kind]]);
  ctx.set('aws:principalorgid', facts.principalOrgId ? [facts.principalOrgId] : UNKNOWN_VALUE);
  if (facts.sessionName !== undefined) ctx.set('sts:rolesessionname', [facts.sessionName]);
  if (facts.externalId !== undefined) ctx.set('sts:externalid', [facts.externalId]);
  if (facts.sourceIdentity !== undefined) ctx.set('sts:sourceidentity', [facts.sourceIdentity]);
  // Present (true) when an MFA code goes with the call; with long-term keys and no code it is absent.
  if (facts.mfa) ctx.set('aws:multifactorauthpresent', ['true']);
  else if (caller.kind === 'role-session') ctx.set('aws:multifactorauthpresent', UNKNOWN_VALUE);
  return ctx;
}

/** Keys the local side knows are absent when not in the context, rather than unknown. */
const KNOWN_WHEN_ABSENT = new Set(['sts:externalid', 'sts:rolesessionname', 'sts:sourceidentity', 'aws:multifactorauthpresent', 'aws:multifactorauthage']);

function contextFor(key: string, ctx: RequestContext, facts: AssumeRequestFacts): RequestContext {
  const lower = key.toLowerCase();
  if (ctx.has(lower) || KNOWN_WHEN_ABSENT.has(lower)) return ctx;
  if (lower.startsWith('aws:principaltag/')) {
    if (!facts.principalTags) return new Map([...ctx, [lower, UNKNOWN_VALUE]]);
    const tag = Object.entries(facts.principalTags).find(([k]) => `aws:principaltag/${k.toLowerCase()}` === lower);
    return tag ? new Map([...ctx, [lower, [tag[1]]]]) : ctx;
  }
  // Other global keys (aws:SourceIp, aws:CurrentTime, ...) exist but are not known here; a
  // provider's keys (token.actions...:sub, SAML:aud) are never in an AssumeRole request.
  return lower.startsWith('aws:') ? new Map([...ctx, [lower, UNKNOWN_VALUE]]) : ctx;
}

function matchAwsValue(value: string, facts: AssumeRequestFacts): PrincipalMatch {
  const { caller } = facts;
  const p = parseAwsPrincipal(value);
  switch (p.kind) {
    case 'wildcard':
      return 'direct';
    case 'account':
      return p.account === caller.account ? 'account' : 'none';
    case 'user':
    case 'federated-user':
    case 'assumed-role':
      return value === caller.arn ? 'direct' : 'none';
    case 'role': {
      if (caller.kind !== 'role-session' || p.account !== caller.account || p.name !== caller.roleName) return 'none';
      // The session ARN carries no path: a same-named role under another path cannot be ruled out.
      if (caller.rolePathKnown) return value === caller.roleArn ? 'direct' : 'none';
      return 'direct';
    }
    default:
      return 'none';
  }
}

function principalVerdict(statement: Statement, facts: AssumeRequestFacts): PrincipalVerdict {
  if (statement.notPrincipalProperty) {
    return { match: 'unknown', span: statement.notPrincipalProperty.keySpan, reason: 'it uses NotPrincipal, which IAM does not accept in a trust policy' };
  }
  if (!statement.principalProperty) return { match: 'none', span: statement.node.span, reason: 'it has no Principal' };
  const named: string[] = [];
  let unknown: Principal | undefined;
  let best: { match: PrincipalMatch; p: Principal } | undefined;
  for (const p of statement.principals) {
    if (p.type !== 'AWS' && p.type !== '*') {
      named.push(`${p.type} ${p.value ?? '(deploy-time value)'}`);
      continue;
    }
    if (p.value === undefined) {
      unknown = p;
      continue;
    }
    named.push(p.value);
    const match = matchAwsValue(p.value, facts);
    if (match === 'direct') return { match, span: p.node.span, reason: `it names ${p.value === '*' ? 'any AWS principal ("*")' : 'you'} (${p.value})` };
    if (match === 'account' && !best) best = { match, p };
  }
  if (best) return { match: 'account', span: best.p.node.span, reason: `it trusts your account ${facts.caller.account} (${best.p.value})` };
  if (unknown) return { match: 'unknown', span: unknown.node.span, reason: 'a principal is known only at deploy time' };
  const who = named.length ? named.join(', ') : 'nobody';
  return { match: 'none', span: statement.principalProperty.value?.span, reason: `it trusts ${who}, not ${facts.caller.arn}` };
}

function actionVerdict(statement: Statement, action: string): { covers: Tri; reason: string } {
  const matches = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i').test(action);
  const negated = !!statement.notActionProperty;
  const items = negated ? asList(statement.notActionProperty!.value) : statement.actions.map((a) => a.node);
  if (items.some((n) => n.kind !== 'string')) return { covers: 'unknown', reason: 'an action is known only at deploy time' };
  const hit = items.some((n) => matches((n as { value: string }).value));
  const covers = negated ? !hit : hit;
  return { covers: covers ? 'yes' : 'no', reason: covers ? `it covers ${action}` : `its ${negated ? 'NotAction excludes' : 'Action does not include'} ${action}` };
}

function and(...values: Tri[]): Tri {
  if (values.includes('no')) return 'no';
  return values.includes('unknown') ? 'unknown' : 'yes';
}

function judgeStatement(statement: Statement, facts: AssumeRequestFacts, ctx: RequestContext, action: string): StatementVerdict {
  const principal = principalVerdict(statement, facts);
  const act = actionVerdict(statement, action);
  const conditions = statement.conditions.map((c) => evaluateCondition(c, contextFor(c.key, ctx, facts)));
  const principalTri: Tri = principal.match === 'none' ? 'no' : principal.match === 'unknown' ? 'unknown' : 'yes';
  const applies = statement.effect ? and(principalTri, act.covers, ...conditions.map((c) => c.holds)) : 'no';
  const firstNo = [
    statement.effect ? undefined : 'its Effect is not Allow or Deny',
    principalTri === 'no' ? principal.reason : undefined,
    act.covers === 'no' ? act.reason : undefined,
    ...conditions.filter((c) => c.holds === 'no').map((c) => c.reason),
  ].find(Boolean);
  const firstUnknown = [principalTri === 'unknown' ? principal.reason : undefined, act.covers === 'unknown' ? act.reason : undefined, ...conditions.filter((c) => c.holds === 'unknown').map((c) => c.reason)].find(Boolean);
  const reason = applies === 'no' ? firstNo! : applies === 'unknown' ? firstUnknown! : [principal.reason, ...conditions.map((c) => c.reason)].join('; ');
  return {
    index: statement.index,
    sid: statement.sid?.value?.kind === 'string' ? statement.sid.value.value : undefined,
    effect: statement.effect,
    span: statement.node.span,
    principal,
    action: act,
    conditions,
    applies,
    reason,
  };
}

function collectNeeds(statements: Statement[], verdicts: StatementVerdict[]): PolicyNeeds {
  const needs: PolicyNeeds = { externalIds: [], mfa: false, sourceIdentity: false };
  verdicts.forEach((v, i) => {
    if (v.effect !== 'Allow' || v.principal.match === 'none') return;
    for (const c of statements[i].conditions) {
      const key = c.key.toLowerCase();
      const op = c.operator.toLowerCase();
      if (key === 'sts:externalid' && /^string(equals|like)(ignorecase)?(ifexists)?$/.test(op)) {
        for (const value of c.values) if (value.value && !needs.externalIds.includes(value.value)) needs.externalIds.push(value.value);
      }
      if (key === 'aws:multifactorauthpresent' || key === 'aws:multifactorauthage') needs.mfa = true;
      if (key === 'sts:sourceidentity') needs.sourceIdentity = true;
    }
  });
  return needs;
}

function summarise(p: Omit<Preflight, 'summary'>, facts: AssumeRequestFacts, action: string): string {
  if (p.deniedBy) return `${statementLabel(p.deniedBy, true)} denies you: ${p.deniedBy.reason}. An explicit Deny wins over any Allow.`;
  if (p.verdict === 'allowed') {
    const s = p.allowedBy!;
    const also = p.needsIdentityPolicy
      ? roleAccount(facts.roleArn) === facts.caller.account
        ? ` Because it trusts the whole account, your own IAM policies must also allow ${action} on this role.`
        : ` This is a cross-account call: your own IAM policies must also allow ${action} on this role.`
      : '';
    return `${statementLabel(s, true)} lets ${facts.caller.arn} in: ${s.reason}.${also}`;
  }
  const unknownDeny = p.statements.find((s) => s.effect === 'Deny' && s.applies === 'unknown');
  if (unknownDeny) return `Cannot tell locally whether ${statementLabel(unknownDeny)} denies you: ${unknownDeny.reason}.`;
  const unknownAllow = p.statements.find((s) => s.effect === 'Allow' && s.applies === 'unknown');
  if (unknownAllow) return `Cannot tell locally whether ${statementLabel(unknownAllow)} lets you in: ${unknownAllow.reason}.`;
  const allows = p.statements.filter((s) => s.effect === 'Allow');
  if (allows.length === 0) return `No statement lets you in: the policy has no Allow statement for ${action}.`;
  return `No statement lets ${facts.caller.arn} in: ${allows.map((s) => `${statementLabel(s)}: ${s.reason}`).join('; ')}.`;
}

/** Evaluates the trust policy for one action (sts:AssumeRole by default). */
export function runPreflight(policy: TrustPolicy, facts: AssumeRequestFacts, action = 'sts:AssumeRole'): Preflight {
  const ctx = requestContext(facts);
  const statements = policy.statements.map((s) => judgeStatement(s, facts, ctx, action));
  const deniedBy = statements.find((s) => s.effect === 'Deny' && s.applies === 'yes');
  const allowedBy = statements.find((s) => s.effect === 'Allow' && s.applies === 'yes');
  const denyUnknown = statements.some((s) => s.effect === 'Deny' && s.applies === 'unknown');
  const allowUnknown = statements.some((s) => s.effect === 'Allow' && s.applies === 'unknown');
  const verdict: Verdict = deniedBy ? 'denied' : allowedBy ? (denyUnknown ? 'unknown' : 'allowed') : allowUnknown ? 'unknown' : 'denied';
  const crossAccount = roleAccount(facts.roleArn) !== facts.caller.account;
  const needsIdentityPolicy = !!allowedBy && (crossAccount || allowedBy.principal.match === 'account');
  const partial = { verdict, allowedBy: verdict === 'allowed' ? allowedBy : undefined, deniedBy, needsIdentityPolicy, statements, needs: collectNeeds(policy.statements, statements) };
  return { ...partial, summary: summarise(partial, facts, action) };
}
