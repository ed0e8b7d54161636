import { Rule } from './types';
import { ConditionEntry } from '../model/policy';
import { lookupOperator, isMultiValuedType } from '../aws/conditionOperators';
import { lookupConditionKey } from '../aws/conditionKeys';
import { operatorBlockOf, renameOperatorFix, withBase } from './conditionChecks';

/**
 * `ForAllValues:` with a single-valued key (trust-checks.md, E). IAM User Guide ("Set operators
 * for multivalued context keys"): ForAllValues is true when every value of the request's list
 * matches, and also when the key is absent or empty; set operators are for multivalued keys only.
 */

/**
 * Claims typed as single strings that hold a list in the request: Cognito's `amr` (IAM User
 * Guide, "Available keys for AWS web identity federation": tested with ForAnyValue).
 */
const MULTIVALUED_CLAIMS = ['amr'];

/** True when the key holds one value; undefined when its type is not known. */
function isSingleValued(key: string): boolean | undefined {
  const info = lookupConditionKey(key);
  if (!info) return undefined;
  if (MULTIVALUED_CLAIMS.includes(key.slice(key.indexOf(':') + 1).toLowerCase())) return false;
  return !isMultiValuedType(info.type);
}

function isForAllValues(c: ConditionEntry): boolean {
  return lookupOperator(c.operator)?.setPrefix === 'ForAllValues';
}

export const rule: Rule = {
  id: 'condition-forallvalues-single',
  group: 'E',
  defaultSeverity: 'warning',
  description: '`ForAllValues:` with a single-valued key: true when the key is absent.',
  check({ policy, text, report }) {
    for (const statement of policy.statements) {
      for (const c of statement.conditions) {
        if (!isForAllValues(c) || isSingleValued(c.key) !== true) continue;
        const plain = withBase(c.operator, lookupOperator(c.operator)!.base.name).replace(/^ForAllValues:/i, '');
        const block = operatorBlockOf(statement, c);
        // The prefix belongs to the whole block: remove it only when every key of the block is single-valued.
        const blockSingle = statement.conditions.filter((o) => o.operatorSpan.offset === c.operatorSpan.offset).every((o) => isSingleValued(o.key) === true);
        report({
          span: c.keySpan,
          message: `${c.key} holds a single value, but ForAllValues: is for lists: it is true when every value of the request's list matches, and also when the request has no ${c.key} at all. ${
            statement.effect === 'Deny' ? 'This Deny therefore also applies to every caller whose request lacks the key.' : 'A caller whose request lacks the key therefore passes this condition.'
          } Write "${plain}" without the prefix.`,
          fixes: block && blockSingle ? renameOperatorFix(text, statement, block, plain, `Change to "${plain}"`) : undefined,
        });
      }
    }
  },
};
