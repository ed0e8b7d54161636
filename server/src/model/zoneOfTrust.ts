import { Node } from './ast';
import { ConditionEntry, parseOperator, Principal, Statement, TrustPolicy } from './policy';
import { TrustConfig } from '../config';
import { AwsPrincipal, parseAwsPrincipal } from '../aws/principals';
import { memoizeByText, memoizeLast } from './memo';

/**
 * The zone of trust: which accounts belong to the user, which are known third parties, and which
 * conditions narrow who can assume a role. The rules of group C (../shared/trust-checks.md) and
 * hover read the same answers from here, so an account is described the same way everywhere.
 */

// ---------------------------------------------------------------------------------------------
// Accounts

/**
 * - `own`: listed in `ownAccountIds`.
 * - `partner`: listed in `partnerAccountIds` (a known third party: still needs an ExternalId).
 * - `example`: a documentation account id (`exampleAccountIds`): a placeholder, not a real caller.
 * - `organization-known`: none of the above, but the statement lets it in only as a member of the
 *   user's organization (`aws:PrincipalOrgID` / `aws:PrincipalOrgPaths`).
 * - `unknown`: outside everything the configuration says.
 */
export type AccountZone = 'own' | 'organization-known' | 'partner' | 'example' | 'unknown';

/** The user told us which accounts are theirs; without that, no account can be called foreign. */
export function zoneOfTrustConfigured(config: TrustConfig): boolean {
  return config.ownAccountIds.length > 0;
}

/**
 * Classifies a 12-digit account. Explicit settings win over the example list, so a user who
 * really owns `111111111111` can say so. Pass the statement to let its organization condition count.
 */
export function classifyAccount(account: string, config: TrustConfig, statement?: Statement, policy?: TrustPolicy): AccountZone {
  if (config.ownAccountIds.includes(account)) return 'own';
  if (config.partnerAccountIds.includes(account)) return 'partner';
  if (config.exampleAccountIds.includes(account)) return 'example';
  if (statement && requiresOwnOrganization(statement, config, policy)) return 'organization-known';
  return 'unknown';
}

/** Words for hover and messages: "your own account", "a known partner", ... */
export function describeAccountZone(zone: AccountZone): string {
  switch (zone) {
    case 'own':
      return 'one of your own accounts (ownAccountIds)';
    case 'partner':
      return 'a known partner account (partnerAccountIds)';
    case 'example':
      return 'an example account id from the AWS documentation (exampleAccountIds)';
    case 'organization-known':
      return 'admitted only as a member of your organization (aws:PrincipalOrgID)';
    case 'unknown':
      return 'outside your zone of trust';
  }
}

/** Every 12-digit account a policy names: in principals and in account or ARN condition values. */
export function accountsInPolicy(policy: TrustPolicy): Set<string> {
  const out = new Set<string>();
  for (const s of policy.statements) {
    for (const p of s.principals) {
      const account = p.value === undefined ? undefined : accountOfValue(p.value);
      if (account) out.add(account);
    }
    for (const c of s.conditions) {
      for (const v of conditionValues(c)) {
        const account = v.text === undefined ? undefined : accountOfConditionValue(c.key, v.text);
        if (account) out.add(account);
      }
    }
  }
  return out;
}

/** Condition keys whose values are bare account ids. */
const ACCOUNT_KEYS = ['aws:principalaccount', 'aws:sourceaccount', 'aws:resourceaccount', 'aws:sourceowner'];

/**
 * The account a condition value names: a bare id under an account key, or the account field of
 * any ARN. A 12-digit ExternalId is not an account.
 */
export function accountOfConditionValue(key: string, value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return ACCOUNT_KEYS.includes(key.toLowerCase()) ? value : undefined;
  return accountOfValue(value);
}

/** The account a bare id or an ARN names (`arn:aws:iam::111122223333:role/x` → 111122223333). */
export function accountOfValue(value: string): string | undefined {
  // Most condition values are neither ARNs nor account ids: answered without the memo.
  if (!value.startsWith('arn:') && value.length !== 12) return undefined;
  return valueAccounts(value);
}

const valueAccounts = memoizeByText((value: string): string | undefined => {
  if (/^\d{12}$/.test(value)) return value;
  const fields = value.split(':');
  if (fields.length >= 6 && fields[0] === 'arn' && /^\d{12}$/.test(fields[4])) return fields[4];
  return undefined;
});

/** A literal AWS principal of an Allow statement: who is granted the role. */
export interface GrantedAwsPrincipal {
  statement: Statement;
  principal: Principal;
  parsed: AwsPrincipal;
}

/** The literal `AWS` principals of every Allow statement, parsed; deploy-time values are left out. */
export function grantedAwsPrincipals(policy: TrustPolicy): readonly GrantedAwsPrincipal[] {
  return grantsByPolicy(policy);
}

/** Four rules of group C ask for them in turn: found once per policy. */
const grantsByPolicy = memoizeLast((policy: TrustPolicy): GrantedAwsPrincipal[] => {
  const out: GrantedAwsPrincipal[] = [];
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const principal of statement.principals) {
      if (principal.type !== 'AWS' || principal.value === undefined) continue;
      out.push({ statement, principal, parsed: parseAwsPrincipal(principal.value) });
    }
  }
  return out;
});

// ---------------------------------------------------------------------------------------------
// Condition values and operators

export interface ConditionValue {
  node: Node;
  /** The value as IAM compares it (numbers and booleans become strings); undefined when unknown. */
  text?: string;
}

/** Condition values as IAM reads them: `12345` and `true` are compared as strings. */
export function conditionValues(c: ConditionEntry): ConditionValue[] {
  return c.values.map(({ node }) => ({ node, text: literalText(node) }));
}

function literalText(node: Node): string | undefined {
  if (node.kind === 'string') return node.value;
  if (node.kind === 'number' || node.kind === 'boolean') return String(node.value);
  return undefined;
}

/** `StringNotEquals`, `ArnNotLike`, ...: true when the value is *not* one of the listed ones. */
export function isNegatedOperator(operator: string): boolean {
  return negatedOperators(operator);
}

const negatedOperators = memoizeByText((operator: string) => /^(StringNot|ArnNot|NumericNot|DateNot)/i.test(parseOperator(operator).base));

/** `StringLike` / `ArnLike` (and `ArnEquals`, which IAM also matches with wildcards): `*` and `?` are wildcards. */
export function isWildcardOperator(operator: string): boolean {
  return wildcardOperators(operator);
}

const wildcardOperators = memoizeByText((operator: string) => /^(StringLike|StringNotLike|Arn)/i.test(parseOperator(operator).base));

export function isNullOperator(operator: string): boolean {
  return parseOperator(operator).base.toLowerCase() === 'null';
}

export function hasWildcard(value: string): boolean {
  return /[*?]/.test(value);
}

/**
 * A condition that can only pass when the key is present and matches: a positive operator, no
 * `IfExists` (true when the key is absent) and no `ForAllValues:` (true when the key is absent).
 */
export function isRequiringMatch(c: ConditionEntry): boolean {
  const op = parseOperator(c.operator);
  return !op.ifExists && op.setPrefix !== 'ForAllValues' && !isNegatedOperator(c.operator) && !isNullOperator(c.operator);
}

/**
 * True when the statement's conditions cannot be read: the Condition element, or one operator's
 * block, is a value known only at deploy time. Rules that speak about a *missing* condition must
 * then stay quiet.
 */
export function conditionIsUnknown(statement: Statement): boolean {
  const value = statement.conditionProperty?.value;
  if (!value) return false;
  if (value.kind === 'unknown') return true;
  return value.kind === 'object' && value.properties.some((op) => op.value?.kind === 'unknown');
}

export function conditionsWithKey(statement: Statement, ...keys: string[]): ConditionEntry[] {
  const lower = keys.map((k) => k.toLowerCase());
  return statement.conditions.filter((c) => lower.includes(c.key.toLowerCase()));
}

export interface LiteralConditionValue {
  statement: Statement;
  condition: ConditionEntry;
  node: Node;
  text: string;
}

/**
 * The literal values compared with any of `keys`, in every statement. `Null` conditions are left
 * out (their values are true/false, not values of the key), and so are deploy-time values.
 */
export function literalValuesOf(policy: TrustPolicy, ...keys: string[]): LiteralConditionValue[] {
  const out: LiteralConditionValue[] = [];
  for (const statement of policy.statements) {
    for (const condition of conditionsWithKey(statement, ...keys)) {
      if (isNullOperator(condition.operator)) continue;
      for (const v of conditionValues(condition)) {
        if (v.text !== undefined) out.push({ statement, condition, node: v.node, text: v.text });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Which conditions narrow the caller

/**
 * Keys that pin the caller to something an outsider cannot choose (trust-checks.md, C:
 * principal-any). Not `aws:PrincipalTag/...`: anyone can tag a role in their own account.
 */
const NARROWING_KEYS = [
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:userid',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'sts:externalid',
] as const;

export type NarrowingKey = (typeof NARROWING_KEYS)[number];

export function narrowingKeyOf(c: ConditionEntry): NarrowingKey | undefined {
  const key = c.key.toLowerCase();
  return NARROWING_KEYS.find((k) => k === key);
}

/**
 * Whether one value of a narrowing key names something specific. Under a wildcard operator the
 * part that says *whose* principal it is must be literal: `arn:aws:iam::*:role/Admin` admits a
 * role named Admin in every account, `o-*` every organization. An unknown value may well be
 * specific: it counts as narrowing, so nothing is reported on its account.
 */
export function isSpecificValue(key: NarrowingKey, text: string | undefined, wildcardOperator: boolean): boolean {
  if (text === undefined) return true;
  if (text === '' || text === '*') return false;
  if (!wildcardOperator) return true;
  switch (key) {
    case 'aws:principalarn':
    case 'aws:sourcearn': {
      const fields = text.split(':');
      if (fields.length < 6 || hasWildcard(fields[4])) return false;
      // No account field (an S3 bucket ARN): the resource name itself must be literal at the start.
      const resource = fields.slice(5).join(':');
      return fields[4] !== '' || (resource !== '' && !hasWildcard(resource[0]));
    }
    case 'aws:principalorgpaths':
    case 'aws:sourceorgpaths':
      return !hasWildcard(text.split('/')[0]);
    case 'aws:userid':
      return !hasWildcard(text.split(':')[0]);
    default:
      return !hasWildcard(text);
  }
}

function specificValues(c: ConditionEntry, key: NarrowingKey): ConditionValue[] {
  const wildcard = isWildcardOperator(c.operator);
  return conditionValues(c).filter((v) => isSpecificValue(key, v.text, wildcard));
}

/** A positive condition that only lets specific callers through (see isSpecificValue). */
export function narrowsCaller(c: ConditionEntry): boolean {
  const key = narrowingKeyOf(c);
  if (!key || !isRequiringMatch(c)) return false;
  const values = conditionValues(c);
  // Values are OR-ed: one catch-all value opens the condition to everyone.
  return values.length > 0 && specificValues(c, key).length === values.length;
}

/**
 * A Deny condition that refuses everyone *outside* specific values (`StringNotEquals
 * aws:PrincipalOrgID o-...`). Negated operators are true when the key is absent, so callers without
 * the key are refused too, except under `ForAnyValue:`, which is false for an absent key.
 */
export function narrowsCallerByRefusal(c: ConditionEntry): boolean {
  const key = narrowingKeyOf(c);
  if (!key || !isNegatedOperator(c.operator) || parseOperator(c.operator).setPrefix === 'ForAnyValue') return false;
  const values = conditionValues(c);
  return values.length > 0 && specificValues(c, key).length === values.length;
}

export interface Narrowing {
  condition: ConditionEntry;
  /** Set when the narrowing comes from a Deny statement that refuses everyone else. */
  denyStatement?: Statement;
}

/** What a narrowing condition restricts the caller to, in words ("principals in organization o-..."). */
export function describeNarrowing(c: ConditionEntry): string {
  const values = conditionValues(c)
    .map((v) => v.text ?? (v.node.kind === 'unknown' ? v.node.text : '?'))
    .join(', ');
  switch (narrowingKeyOf(c)) {
    case 'aws:principalorgid':
      return `principals in organization ${values}`;
    case 'aws:principalorgpaths':
      return `principals under organization path ${values}`;
    case 'aws:principalarn':
      return `the principal ${values}`;
    case 'aws:principalaccount':
      return `principals in account ${values}`;
    case 'aws:userid':
      return `the principal with unique id ${values}`;
    case 'aws:sourceaccount':
    case 'aws:sourcearn':
    case 'aws:sourceorgid':
    case 'aws:sourceorgpaths':
      return `requests a service makes on behalf of ${values}`;
    case 'sts:externalid':
      return `callers that pass the external id ${values} (anyone who learns it)`;
    default:
      return `${c.key} ${values}`;
  }
}

/** Positive conditions of the statement itself that narrow the caller. */
export function narrowingConditions(statement: Statement): ConditionEntry[] {
  return statement.conditions.filter(narrowsCaller);
}

/**
 * Every narrowing that applies to an Allow statement: its own conditions, plus Deny statements
 * that refuse everyone else (the "Allow *, Deny unless my organization" pattern).
 */
export function narrowingsFor(policy: TrustPolicy, allow: Statement): Narrowing[] {
  return analyseStatement(policy, allow).narrowings;
}

/**
 * True when a narrowing might exist that cannot be read: the statement's own Condition is not
 * literal, or another statement may be a guarding Deny but has values known only at deploy time.
 * Rules that report a *missing* restriction stay quiet then.
 */
export function narrowingMayBeUnknown(policy: TrustPolicy, allow: Statement): boolean {
  return analyseStatement(policy, allow).mayBeUnknown;
}

/**
 * Past this many statements (far beyond any trust-policy quota), statements are not compared with
 * each other: a Deny elsewhere might narrow a grant, so the grant counts as possibly narrowed and
 * nothing is reported about a missing restriction. Keeps a huge or hostile file from costing
 * statements x statements work.
 */
export const MAX_CROSS_STATEMENT_ANALYSIS = 200;

interface StatementAnalysis {
  narrowings: Narrowing[];
  mayBeUnknown: boolean;
}

/** Several rules ask the same questions about the same statement: answer once per statement. */
const analyses = new WeakMap<Statement, StatementAnalysis>();

function analyseStatement(policy: TrustPolicy, allow: Statement): StatementAnalysis {
  const cached = analyses.get(allow);
  if (cached) return cached;
  const narrowings: Narrowing[] = narrowingConditions(allow).map((condition) => ({ condition }));
  let mayBeUnknown = conditionIsUnknown(allow);
  const candidates = guardCandidates(policy);
  if (candidates === 'too-many') mayBeUnknown = true;
  else {
    for (const deny of candidates) {
      if (deny === allow) continue;
      const state = guardState(deny, allow);
      if (state === 'maybe') mayBeUnknown = true;
      if (state === 'yes') for (const condition of deny.conditions) narrowings.push({ condition, denyStatement: deny });
    }
  }
  const analysis = { narrowings, mayBeUnknown };
  analyses.set(allow, analysis);
  return analysis;
}

const candidatesCache = new WeakMap<TrustPolicy, Statement[] | 'too-many'>();

/** Statements that may be guarding Denies at all: Deny (or deploy-time) effect and a Condition. */
function guardCandidates(policy: TrustPolicy): Statement[] | 'too-many' {
  let found = candidatesCache.get(policy);
  if (!found) {
    const list = policy.statements.filter((s) => s.effect !== 'Allow' && s.conditionProperty !== undefined);
    found = list.length > MAX_CROSS_STATEMENT_ANALYSIS ? 'too-many' : list;
    candidatesCache.set(policy, found);
  }
  return found;
}

type Tri = 'yes' | 'maybe' | 'no';

function all(...states: Tri[]): Tri {
  return states.includes('no') ? 'no' : states.includes('maybe') ? 'maybe' : 'yes';
}

/**
 * Whether `deny` guards `allow`: a Deny that covers every caller and action of the Allow and
 * refuses everyone outside specific values. All its conditions must be negated narrowing
 * conditions: conditions are AND-ed, so one extra condition would let the refused callers through
 * whenever that condition is false.
 */
export function guardState(deny: Statement, allow: Statement): Tri {
  const effect: Tri = deny.effect === 'Deny' ? 'yes' : deny.effectProperty?.value?.kind === 'unknown' ? 'maybe' : 'no';
  let conditions: Tri;
  if (!deny.conditionProperty) conditions = 'no';
  else if (conditionIsUnknown(deny)) conditions = 'maybe';
  else conditions = deny.conditions.length > 0 && deny.conditions.every(narrowsCallerByRefusal) ? 'yes' : 'no';
  return all(effect, conditions, coversPrincipals(deny, allow), coversActions(deny, allow));
}

/** `"Principal": "*"` or `{"AWS": "*"}`: every AWS caller. */
export function coversAllPrincipals(s: Statement): boolean {
  return s.principals.some((p) => (p.type === '*' || p.type === 'AWS') && p.value === '*');
}

/**
 * Whether `deny` names every principal of `allow`. `"*"` covers everyone; `{"AWS": "*"}` is only
 * counted for AWS principals, since whether it also matches service principals is not documented.
 */
export function coversPrincipals(deny: Statement, allow: Statement): Tri {
  const covers =
    deny.principals.length * allow.principals.length > 64
      ? coveredBy(deny)
      : (a: Principal) =>
          deny.principals.some(
            (d) => (d.type === '*' && d.value === '*') || (d.type === a.type && d.value !== undefined && (d.value === '*' ? a.type === 'AWS' : d.value === a.value)),
          );
  if (allow.principals.length > 0 && allow.principals.every(covers)) return 'yes';
  return deny.principals.some((p) => p.value === undefined) ? 'maybe' : 'no';
}

/**
 * The same test as coversPrincipals' own, for long principal lists: the Deny's principals indexed
 * by type and value once, so a list of thousands is not compared with a list of thousands.
 */
function coveredBy(deny: Statement): (a: Principal) => boolean {
  const everyone = deny.principals.some((d) => d.type === '*' && d.value === '*');
  const everyAws = deny.principals.some((d) => d.type === 'AWS' && d.value === '*');
  const named = new Map<string, Set<string>>();
  for (const d of deny.principals) {
    if (d.value === undefined || d.value === '*') continue;
    let values = named.get(d.type);
    if (!values) named.set(d.type, (values = new Set()));
    values.add(d.value);
  }
  return (a) => everyone || (everyAws && a.type === 'AWS') || (a.value !== undefined && named.get(a.type)?.has(a.value) === true);
}

/** True when `Statement` holds items that are not literal objects (a deploy-time statement). */
export function statementsAreUnknown(policy: TrustPolicy): boolean {
  const value = policy.statementProperty?.value;
  if (!value) return false;
  if (value.kind === 'unknown') return true;
  return value.kind === 'array' && value.items.some((i) => i.kind === 'unknown');
}

/** Whether every action of `allow` matches one of `deny`'s action patterns. */
export function coversActions(deny: Statement, allow: Statement): Tri {
  if (deny.notActionProperty || deny.actions.length === 0) return 'no';
  const patterns = deny.actions.map((a) => a.value);
  if (patterns.includes('*')) return 'yes';
  const targets = allow.actions.length ? allow.actions.map((a) => a.value) : ['sts:AssumeRole'];
  const covered = targets.every((t) => t !== undefined && patterns.some((p) => p !== undefined && actionMatches(p, t)));
  if (covered) return 'yes';
  return patterns.includes(undefined) || targets.includes(undefined) ? 'maybe' : 'no';
}

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
export function actionMatches(pattern: string, action: string): boolean {
  if (!hasWildcard(pattern)) return pattern.toLowerCase() === action.toLowerCase();
  let re = patternCache.get(pattern);
  if (!re) {
    if (patternCache.size > 1000) patternCache.clear();
    re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'is');
    patternCache.set(pattern, re);
  }
  return re.test(action);
}

const patternCache = new Map<string, RegExp>();

// ---------------------------------------------------------------------------------------------
// Organization and ExternalId

/** Organization, root and OU ids (trust-checks.md, "Limits worth knowing"). */
export const ORG_ID = /^o-[a-z0-9]{10,32}$/;
export const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
export const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

/**
 * Organization ids a statement requires of its caller, from narrowing `aws:PrincipalOrgID` /
 * `aws:PrincipalOrgPaths` conditions (and, given the policy, from Deny statements that refuse
 * everyone else); `undefined` entries are values known only at deploy time.
 */
export function requiredOrganizations(statement: Statement, policy?: TrustPolicy): (string | undefined)[] {
  const narrowing = policy ? narrowingsFor(policy, statement).map((n) => n.condition) : narrowingConditions(statement);
  const out: (string | undefined)[] = [];
  for (const c of narrowing) {
    const key = narrowingKeyOf(c);
    if (key !== 'aws:principalorgid' && key !== 'aws:principalorgpaths') continue;
    for (const v of conditionValues(c)) out.push(v.text === undefined ? undefined : v.text.split('/')[0]);
  }
  return out;
}

/**
 * True when the statement admits callers only from the user's organization. Without a configured
 * `organizationId` any literal org id counts: the author most likely wrote their own. A value known
 * only at deploy time counts too, so nothing is reported that depends on it.
 */
export function requiresOwnOrganization(statement: Statement, config: TrustConfig, policy?: TrustPolicy): boolean {
  const orgs = requiredOrganizations(statement, policy);
  if (orgs.length === 0) return false;
  return orgs.some((o) => o === undefined || (config.organizationId ? o === config.organizationId : ORG_ID.test(o)));
}

/**
 * True when the statement has any `sts:ExternalId` condition, or a Deny refuses callers without
 * the right one. How good the condition is, is for external-id-weak / external-id-invalid to say.
 */
export function hasExternalIdCondition(policy: TrustPolicy, statement: Statement): boolean {
  if (conditionsWithKey(statement, 'sts:ExternalId').length > 0) return true;
  return narrowingsFor(policy, statement).some((n) => n.denyStatement && narrowingKeyOf(n.condition) === 'sts:externalid');
}

/** True when a positive `aws:PrincipalArn` (or `aws:userid`) condition names the callers one by one. */
export function namesCallersByArn(policy: TrustPolicy, statement: Statement): boolean {
  return narrowingsFor(policy, statement).some((n) => {
    const key = narrowingKeyOf(n.condition);
    return key === 'aws:principalarn' || key === 'aws:userid';
  });
}

/** How messages name a statement: its Sid, or its position. */
export function statementName(s: Statement): string {
  const sid = s.sid?.value;
  return sid?.kind === 'string' && sid.value !== '' ? `statement "${sid.value}"` : `statement ${s.index + 1}`;
}
