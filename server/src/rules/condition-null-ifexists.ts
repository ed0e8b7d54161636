import { Rule } from './types';
import { parseOperator } from '../model/policy';
import { operatorProperties, renameOperatorFix, withBase } from './conditionChecks';

/**
 * `NullIfExists` (trust-checks.md, E). IAM User Guide (reference_policies_elements_condition_operators,
 * "...IfExists condition operators"): IfExists can be added to every operator except Null, and
 * IAM rejects the policy. Null already asks whether the key exists.
 */
export const rule: Rule = {
  id: 'condition-null-ifexists',
  group: 'E',
  defaultSeverity: 'error',
  description: '`Null` with `IfExists`: IAM rejects it; Null already tests whether the key exists.',
  check({ policy, text, report }) {
    for (const statement of policy.statements) {
      for (const operator of operatorProperties(statement)) {
        const op = parseOperator(operator.key);
        if (op.base.toLowerCase() !== 'null' || !op.ifExists) continue;
        const fixed = withBase(operator.key, 'Null').replace(/IfExists$/, '');
        report({
          span: operator.keySpan,
          message: `IAM does not accept IfExists on Null and rejects the whole policy, so the role cannot be created or updated. Null itself tests whether the key exists ("true": absent, "false": present): write "${fixed}".`,
          fixes: renameOperatorFix(text, statement, operator, fixed, `Change to "${fixed}"`),
        });
      }
    }
  },
};
