import { parseOperator } from '../model/policy';

/**
 * The IAM condition operators (IAM User Guide, reference_policies_elements_condition_operators):
 * every base operator, which value type it compares, and what it does in words. Any operator but
 * `Null` takes the `IfExists` suffix; any takes a `ForAnyValue:` / `ForAllValues:` prefix for
 * multi-valued keys.
 */

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

export interface ConditionOperator {
  name: string;
  family: OperatorFamily;
  /** What the operator does, in words. */
  meaning: string;
  /** True for the negated operators (`StringNotEquals`...): they match when the value is *not* listed. */
  negated?: boolean;
}

const op = (name: string, family: OperatorFamily, meaning: string, negated = false): ConditionOperator => ({ name, family, meaning, negated });

export const CONDITION_OPERATORS: readonly ConditionOperator[] = [
  op('StringEquals', 'String', 'The key equals one of the values exactly (case-sensitive, no wildcards).'),
  op('StringNotEquals', 'String', 'The key equals none of the values (case-sensitive).', true),
  op('StringEqualsIgnoreCase', 'String', 'The key equals one of the values, ignoring case.'),
  op('StringNotEqualsIgnoreCase', 'String', 'The key equals none of the values, ignoring case.', true),
  op('StringLike', 'String', 'The key matches one of the values, where `*` matches any characters and `?` one character (case-sensitive).'),
  op('StringNotLike', 'String', 'The key matches none of the values (`*` and `?` are wildcards).', true),
  op('NumericEquals', 'Numeric', 'The number equals one of the values.'),
  op('NumericNotEquals', 'Numeric', 'The number equals none of the values.', true),
  op('NumericLessThan', 'Numeric', 'The number is less than the value.'),
  op('NumericLessThanEquals', 'Numeric', 'The number is less than or equal to the value.'),
  op('NumericGreaterThan', 'Numeric', 'The number is greater than the value.'),
  op('NumericGreaterThanEquals', 'Numeric', 'The number is greater than or equal to the value.'),
  op('DateEquals', 'Date', 'The date equals the value (ISO 8601 or epoch seconds).'),
  op('DateNotEquals', 'Date', 'The date differs from the value.', true),
  op('DateLessThan', 'Date', 'The date is before the value.'),
  op('DateLessThanEquals', 'Date', 'The date is at or before the value.'),
  op('DateGreaterThan', 'Date', 'The date is after the value.'),
  op('DateGreaterThanEquals', 'Date', 'The date is at or after the value.'),
  op('Bool', 'Bool', 'The key is `true` or `false` as given.'),
  op('BinaryEquals', 'Binary', 'The key equals the base64-encoded binary value.'),
  op('IpAddress', 'IpAddress', 'The caller\'s IP address is in one of the CIDR ranges.'),
  op('NotIpAddress', 'IpAddress', 'The caller\'s IP address is in none of the CIDR ranges.', true),
  op('ArnEquals', 'Arn', 'The ARN matches one of the values; IAM matches `*` and `?` wildcards here too.'),
  op('ArnLike', 'Arn', 'The ARN matches one of the values, field by field, with `*` and `?` wildcards.'),
  op('ArnNotEquals', 'Arn', 'The ARN matches none of the values.', true),
  op('ArnNotLike', 'Arn', 'The ARN matches none of the values (`*` and `?` are wildcards).', true),
  op('Null', 'Null', '`true`: the key is absent from the request; `false`: the key is present (whatever its value).'),
];

const byLowerName = new Map(CONDITION_OPERATORS.map((o) => [o.name.toLowerCase(), o]));

export const SET_PREFIXES = ['ForAnyValue', 'ForAllValues'] as const;

/** Every spelling IAM accepts: base, `...IfExists`, and both set prefixes of each. */
export function allOperatorSpellings(): string[] {
  const out: string[] = [];
  for (const prefix of ['', ...SET_PREFIXES.map((p) => `${p}:`)]) {
    for (const o of CONDITION_OPERATORS) {
      out.push(prefix + o.name);
      if (o.family !== 'Null') out.push(`${prefix}${o.name}IfExists`);
    }
  }
  return out;
}

export interface OperatorInfo {
  base: ConditionOperator;
  setPrefix?: 'ForAnyValue' | 'ForAllValues';
  ifExists: boolean;
}

/** The operator as written, understood; undefined when IAM has no such operator. */
export function lookupOperator(operator: string): OperatorInfo | undefined {
  const parsed = parseOperator(operator);
  const base = byLowerName.get(parsed.base.toLowerCase());
  if (!base || (base.family === 'Null' && parsed.ifExists)) return undefined;
  return { base, setPrefix: parsed.setPrefix, ifExists: parsed.ifExists };
}

/** What the operator does, including its prefix and suffix, and what that means for who can assume. */
export function describeOperator(info: OperatorInfo): string {
  const lines = [info.base.meaning];
  if (info.ifExists) {
    lines.push('`IfExists`: the condition also holds when the request has no such key. In a trust policy that can make a requirement optional for callers whose requests never carry the key.');
  }
  if (info.setPrefix === 'ForAnyValue') {
    lines.push('`ForAnyValue:`: for multi-valued keys; holds when at least one value of the request matches. False when the key is absent.');
  }
  if (info.setPrefix === 'ForAllValues') {
    lines.push('`ForAllValues:`: for multi-valued keys; holds when every value of the request matches, and also when the key is absent or empty, so alone it requires nothing.');
  }
  if (info.base.negated && !info.setPrefix) {
    lines.push('Negated: in an Allow statement it admits everything *except* the listed values.');
  }
  return lines.join('\n\n');
}

/**
 * The operator families that compare a key of this IAM data type (`String`, `ARN`, `Bool`,
 * `ArrayOfString`, ...). ARN keys can also be compared as strings.
 */
export function familiesForKeyType(type: string): OperatorFamily[] {
  const scalar = type.replace(/^ArrayOf/, '');
  switch (scalar.toLowerCase()) {
    case 'arn':
      return ['Arn', 'String'];
    case 'string':
      return ['String'];
    case 'numeric':
      return ['Numeric'];
    case 'date':
      return ['Date'];
    case 'bool':
      return ['Bool'];
    case 'ipaddress':
      return ['IpAddress'];
    case 'binary':
      return ['Binary'];
    default:
      return ['String'];
  }
}

/** The base operators for a key type, by name. */
export function operatorsForKeyType(type: string): string[] {
  const families = familiesForKeyType(type);
  return CONDITION_OPERATORS.filter((o) => families.includes(o.family)).map((o) => o.name);
}

/** Multi-valued keys (`ArrayOfString`...) need `ForAnyValue:` or `ForAllValues:`. */
export function isMultiValuedType(type: string): boolean {
  return /^ArrayOf/i.test(type);
}
