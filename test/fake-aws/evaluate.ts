/**
 * The fake endpoint's own policy evaluator. It is deliberately separate from the product's
 * preflight (server/src/assume/): a bug there must show up as a disagreement with this endpoint,
 * not be copied into it. It covers what the fixtures use: Allow/Deny with explicit-deny precedence,
 * Principal/NotPrincipal, Action/NotAction, Resource/NotResource, and the String*, Arn*, Bool,
 * Null and Numeric* operators with IfExists and ForAnyValue/ForAllValues. An operator it does not
 * know never matches, so a policy relying on one denies rather than grants.
 */

export interface RequestPrincipal {
  /** The caller: an IAM user ARN, an assumed-role session ARN, or the account root. */
  arn: string;
  account: string;
  /** For a role session: the IAM ARN of its role (with path), which a trust policy may name. */
  roleArn?: string;
}

/** Request context: lower-cased condition key → values. An absent key is simply not in the map. */
export type RequestContext = Map<string, string[]>;

/** How an Allow matched the caller: by name (`direct`) or through the caller's whole account. */
export type AllowKind = 'direct' | 'account';

export interface Decision {
  deny: boolean;
  allow?: AllowKind;
}

type Json = unknown;

function list(value: Json): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function statementsOf(doc: Json): Record<string, Json>[] {
  if (!doc || typeof doc !== 'object') return [];
  const statement = (doc as Record<string, Json>).Statement;
  return list(statement).filter((s): s is Record<string, Json> => !!s && typeof s === 'object');
}

function glob(pattern: string, value: string, ignoreCase = false): boolean {
  let re = '^';
  for (const ch of pattern) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(re + '$', ignoreCase ? 'is' : 's').test(value);
}

function principalValueMatch(value: string, who: RequestPrincipal): AllowKind | undefined {
  if (value === '*') return 'direct';
  if (value === who.arn || (who.roleArn !== undefined && value === who.roleArn)) return 'direct';
  const account = /^\d{12}$/.test(value) ? value : /^arn:aws[\w-]*:iam::(\d{12}):root$/.exec(value)?.[1];
  if (account !== undefined && account === who.account) return 'account';
  return undefined;
}

function principalMatch(principal: Json, who: RequestPrincipal): AllowKind | undefined {
  if (principal === '*') return 'direct';
  if (!principal || typeof principal !== 'object') return undefined;
  const aws = (principal as Record<string, Json>).AWS;
  let best: AllowKind | undefined;
  for (const v of list(aws)) {
    const m = typeof v === 'string' ? principalValueMatch(v, who) : undefined;
    if (m === 'direct') return m;
    best = best ?? m;
  }
  return best;
}

function actionMatch(statement: Record<string, Json>, action: string): boolean {
  if ('NotAction' in statement) return !list(statement.NotAction).some((a) => typeof a === 'string' && glob(a, action, true));
  return list(statement.Action).some((a) => typeof a === 'string' && glob(a, action, true));
}

function resourceMatch(statement: Record<string, Json>, resource: string): boolean {
  if ('NotResource' in statement) return !list(statement.NotResource).some((r) => typeof r === 'string' && glob(r, resource));
  if (!('Resource' in statement)) return true;
  return list(statement.Resource).some((r) => typeof r === 'string' && glob(r, resource));
}

const NEGATED = new Set(['stringnotequals', 'stringnotequalsignorecase', 'stringnotlike', 'arnnotequals', 'arnnotlike', 'numericnotequals']);

function compare(base: string, actual: string, expected: string): boolean | undefined {
  const n = (s: string) => (s.trim() === '' ? NaN : Number(s));
  switch (base) {
    case 'stringequals':
    case 'stringnotequals':
      return actual === expected;
    case 'stringequalsignorecase':
    case 'stringnotequalsignorecase':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'stringlike':
    case 'stringnotlike':
    case 'arnequals':
    case 'arnlike':
    case 'arnnotequals':
    case 'arnnotlike':
      return glob(expected, actual);
    case 'bool':
      return actual.toLowerCase() === expected.toLowerCase();
    case 'numericequals':
    case 'numericnotequals':
      return n(actual) === n(expected);
    case 'numericlessthan':
      return n(actual) < n(expected);
    case 'numericlessthanequals':
      return n(actual) <= n(expected);
    case 'numericgreaterthan':
      return n(actual) > n(expected);
    case 'numericgreaterthanequals':
      return n(actual) >= n(expected);
    default:
      return undefined;
  }
}

function conditionHolds(operator: string, expectedRaw: Json, actual: string[] | undefined): boolean {
  let op = operator.toLowerCase();
  let set: 'any' | 'all' | undefined;
  if (op.startsWith('foranyvalue:')) [set, op] = ['any', op.slice('foranyvalue:'.length)];
  else if (op.startsWith('forallvalues:')) [set, op] = ['all', op.slice('forallvalues:'.length)];
  const ifExists = op.endsWith('ifexists');
  const base = ifExists ? op.slice(0, -'ifexists'.length) : op;
  const expected = list(expectedRaw).map((v) => String(v));
  if (base === 'null') return expected.some((e) => (e.toLowerCase() === 'true') === (actual === undefined));
  if (actual === undefined || actual.length === 0) {
    if (set === 'all') return true;
    if (set === 'any') return false;
    return ifExists || NEGATED.has(base);
  }
  const negated = NEGATED.has(base);
  const one = (value: string): boolean => {
    const hits = expected.map((e) => compare(base, value, e));
    if (hits.some((h) => h === undefined)) return false;
    return negated ? !hits.some(Boolean) : hits.some(Boolean);
  };
  return set === 'all' ? actual.every(one) : actual.some(one);
}

function conditionsHold(statement: Record<string, Json>, context: RequestContext): boolean {
  const condition = statement.Condition;
  if (condition === undefined) return true;
  if (!condition || typeof condition !== 'object') return false;
  for (const [operator, block] of Object.entries(condition as Record<string, Json>)) {
    if (!block || typeof block !== 'object') return false;
    for (const [key, expected] of Object.entries(block as Record<string, Json>)) {
      if (!conditionHolds(operator, expected, context.get(key.toLowerCase()))) return false;
    }
  }
  return true;
}

/**
 * Evaluates policies for one action. `who` is set for resource policies (trust policies), whose
 * statements must name the caller; identity policies leave it undefined.
 */
export function evaluate(
  docs: Json[],
  action: string,
  resource: string,
  context: RequestContext,
  who?: RequestPrincipal,
): Decision {
  const out: Decision = { deny: false };
  for (const doc of docs) {
    for (const s of statementsOf(doc)) {
      if (!actionMatch(s, action) || !conditionsHold(s, context)) continue;
      let kind: AllowKind | undefined = 'direct';
      if (who) {
        if ('NotPrincipal' in s) kind = principalMatch(s.NotPrincipal, who) ? undefined : 'direct';
        else kind = principalMatch(s.Principal, who);
      } else if (!resourceMatch(s, resource)) {
        kind = undefined;
      }
      if (!kind) continue;
      if (s.Effect === 'Deny') out.deny = true;
      else if (s.Effect === 'Allow' && out.allow !== 'direct') out.allow = kind;
    }
  }
  return out;
}
