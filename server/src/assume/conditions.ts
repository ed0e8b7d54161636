import { asList, Node } from '../model/ast';
import { ConditionEntry, parseOperator } from '../model/policy';

/**
 * Condition evaluation for the preflight, three-valued: a condition holds, fails, or cannot be
 * decided here (a key the local side cannot know, such as aws:SourceIp, or a policy value known
 * only at deploy time). Semantics from the IAM User Guide's condition-operator reference:
 * keys AND-ed, values OR-ed; negated operators and `…IfExists` hold when the key is absent;
 * `ForAnyValue:` needs one value to match, `ForAllValues:` needs every value (and holds on none).
 */

export type Tri = 'yes' | 'no' | 'unknown';

/**
 * What the request carries: lower-cased key → values. `UNKNOWN_VALUE` marks a key that may be in
 * the request but whose value is not known locally; a key missing from the map is absent.
 */
export const UNKNOWN_VALUE = Symbol('unknown');
export type RequestContext = Map<string, string[] | typeof UNKNOWN_VALUE>;

export interface ConditionVerdict {
  entry: ConditionEntry;
  holds: Tri;
  /** Why, in words: "sts:ExternalId is \"x\", the policy wants \"y\"". */
  reason: string;
}

type Comparator = (actual: string, expected: string) => boolean;

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(':');
  return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** ARNs are compared component by component; wildcards stay inside a component. */
function arnMatches(pattern: string, arn: string): boolean {
  const p = arnParts(pattern);
  const a = arnParts(arn);
  return !!p && !!a && p.every((part, i) => wildcard(part, a[i], false));
}

function numeric(test: (a: number, e: number) => boolean): Comparator {
  return (actual, expected) => {
    const a = Number(actual);
    const e = Number(expected);
    return actual.trim() !== '' && expected.trim() !== '' && !Number.isNaN(a) && !Number.isNaN(e) && test(a, e);
  };
}

/** Base operator (lower case) → comparator and whether it is the negated form. */
const OPERATORS: Record<string, { compare: Comparator; negated: boolean; words: string }> = {
  stringequals: { compare: (a, e) => a === e, negated: false, words: 'equal' },
  stringnotequals: { compare: (a, e) => a === e, negated: true, words: 'differ from' },
  stringequalsignorecase: { compare: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: false, words: 'equal (ignoring case)' },
  stringnotequalsignorecase: { compare: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: true, words: 'differ from (ignoring case)' },
  stringlike: { compare: (a, e) => wildcard(e, a, false), negated: false, words: 'match' },
  stringnotlike: { compare: (a, e) => wildcard(e, a, false), negated: true, words: 'not match' },
  arnequals: { compare: (a, e) => arnMatches(e, a), negated: false, words: 'match' },
  arnlike: { compare: (a, e) => arnMatches(e, a), negated: false, words: 'match' },
  arnnotequals: { compare: (a, e) => arnMatches(e, a), negated: true, words: 'not match' },
  arnnotlike: { compare: (a, e) => arnMatches(e, a), negated: true, words: 'not match' },
  bool: { compare: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: false, words: 'be' },
  numericequals: { compare: numeric((a, e) => a === e), negated: false, words: 'equal' },
  numericnotequals: { compare: numeric((a, e) => a === e), negated: true, words: 'differ from' },
  numericlessthan: { compare: numeric((a, e) => a < e), negated: false, words: 'be less than' },
  numericlessthanequals: { compare: numeric((a, e) => a <= e), negated: false, words: 'be at most' },
  numericgreaterthan: { compare: numeric((a, e) => a > e), negated: false, words: 'be greater than' },
  numericgreaterthanequals: { compare: numeric((a, e) => a >= e), negated: false, words: 'be at least' },
};

/** A literal condition value as IAM reads it (`true` and `"true"` alike); undefined when not literal. */
function literal(node: Node): string | undefined {
  if (node.kind === 'string') return node.value.includes('${') ? undefined : node.value;
  if (node.kind === 'number' || node.kind === 'boolean') return String(node.value);
  return undefined;
}

const quoteAll = (values: string[]) => values.map((v) => JSON.stringify(v)).join(' or ');

export function evaluateCondition(entry: ConditionEntry, context: RequestContext): ConditionVerdict {
  const { setPrefix, base, ifExists } = parseOperator(entry.operator);
  const verdict = (holds: Tri, reason: string): ConditionVerdict => ({ entry, holds, reason });
  const expectedNodes = asList(entry.valueNode);
  const expected = expectedNodes.map(literal);
  if (!entry.valueNode || expected.some((v) => v === undefined)) {
    return verdict('unknown', `the value of ${entry.key} under ${entry.operator} is known only at deploy time (or uses a policy variable)`);
  }
  const wanted = expected as string[];
  const actual = context.get(entry.key.toLowerCase());
  if (actual === UNKNOWN_VALUE) return verdict('unknown', `${entry.key} is not known here, so ${entry.operator} cannot be checked locally`);

  const op = base.toLowerCase();
  if (op === 'null') {
    if (ifExists) return verdict('unknown', `Null cannot take IfExists; IAM rejects ${entry.operator}`);
    const wantAbsent = wanted.map((w) => w.toLowerCase() === 'true');
    const absent = actual === undefined;
    const holds = wantAbsent.some((w) => w === absent);
    return verdict(holds ? 'yes' : 'no', `${entry.key} is ${absent ? 'absent' : 'present'} in the request; Null "${wanted.join('", "')}" wants it ${wantAbsent[0] ? 'absent' : 'present'}`);
  }
  const operator = OPERATORS[op];
  if (!operator) return verdict('unknown', `${entry.operator} is not evaluated locally`);

  if (actual === undefined || actual.length === 0) {
    const holds = setPrefix === 'ForAllValues' || (setPrefix !== 'ForAnyValue' && (ifExists || operator.negated));
    const why = holds
      ? `${entry.key} is absent, and ${entry.operator} holds when the key is absent`
      : `the request has no ${entry.key}, and ${entry.operator} needs it to ${operator.words} ${quoteAll(wanted)}`;
    return verdict(holds ? 'yes' : 'no', why);
  }
  const matchesOne = (value: string) => {
    const hit = wanted.some((w) => operator.compare(value, w));
    return operator.negated ? !hit : hit;
  };
  const holds = setPrefix === 'ForAllValues' ? actual.every(matchesOne) : actual.some(matchesOne);
  const shown = actual.length === 1 ? JSON.stringify(actual[0]) : `[${quoteAll(actual)}]`;
  return verdict(
    holds ? 'yes' : 'no',
    holds
      ? `${entry.key} is ${shown}, which the ${entry.operator} condition accepts`
      : `${entry.key} is ${shown}, but ${entry.operator} wants it to ${operator.words} ${quoteAll(wanted)}`,
  );
}
