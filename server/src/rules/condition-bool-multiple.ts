import { Rule } from './types';
import { lookupOperator } from '../aws/conditionOperators';
import { conditionValues } from '../model/zoneOfTrust';

/**
 * More than one value for a Bool condition (trust-checks.md, E). A boolean key is either true or
 * false; values of one key are OR-ed (IAM User Guide, "Creating a condition with multiple keys or
 * values"), so two different values accept both and test nothing but the key's presence.
 */
export const rule: Rule = {
  id: 'condition-bool-multiple',
  group: 'E',
  defaultSeverity: 'error',
  description: 'More than one value for a `Bool` condition.',
  check({ policy, report }) {
    for (const statement of policy.statements) {
      for (const c of statement.conditions) {
        if (lookupOperator(c.operator)?.base.family !== 'Bool' || c.valueNode?.kind !== 'array' || c.values.length < 2) continue;
        const texts = conditionValues(c).map((v) => v.text?.toLowerCase());
        // A deploy-time item may be removed at deploy time (a CloudFormation !If with AWS::NoValue).
        if (texts.some((t) => t === undefined)) continue;
        const distinct = new Set(texts);
        report({
          span: c.valueNode.span,
          message:
            distinct.has('true') && distinct.has('false')
              ? `A Bool condition takes one value. Values of a key are OR-ed, so "true" or "false" accepts both: ${c.key} is only required to be present, which is not what the condition seems to say. Keep the one value you mean.`
              : `A Bool condition takes one value, "true" or "false"; this list gives ${c.values.length}. Keep the one value you mean.`,
        });
      }
    }
  },
};
