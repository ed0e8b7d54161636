import { Rule } from './types';
import { allOperatorSpellings, lookupOperator } from '../aws/conditionOperators';
import { parseOperator } from '../model/policy';
import { closest } from '../util/closest';
import { isPlaceholder, operatorProperties, renameOperatorFix } from './conditionChecks';

/**
 * A condition operator IAM does not have (trust-checks.md, E). IAM rejects the whole policy
 * ("MalformedPolicyDocument: Invalid Condition type : stringEquals"), so the role cannot be
 * created or updated; operator names are matched with their case, unlike condition keys.
 * Operators per the IAM User Guide (reference_policies_elements_condition_operators), in
 * server/src/aws/conditionOperators.ts.
 */
const SPELLINGS = allOperatorSpellings();

/** The operator IAM has that differs from `written` only in case. */
function sameButCase(written: string): string | undefined {
  const lower = written.toLowerCase();
  return SPELLINGS.find((s) => s.toLowerCase() === lower);
}

/** A key the format adapter could not read as text (a YAML key with a CloudFormation tag) comes through empty. */
function isLiteralKey(text: string, operator: { key: string; keySpan: { offset: number; length: number } }): boolean {
  return operator.key !== '' || /^(""|'')$/.test(text.substr(operator.keySpan.offset, operator.keySpan.length));
}

export const rule: Rule = {
  id: 'condition-operator-unknown',
  group: 'E',
  defaultSeverity: 'error',
  description: 'A condition operator that does not exist; valid prefixes are `ForAnyValue:`/`ForAllValues:`, the valid suffix `IfExists`.',
  check({ policy, text, report }) {
    for (const statement of policy.statements) {
      for (const operator of operatorProperties(statement)) {
        if (isPlaceholder(operator.key) || SPELLINGS.includes(operator.key) || !isLiteralKey(text, operator)) continue;
        // NullIfExists is a real operator with a suffix IAM refuses: condition-null-ifexists says so.
        if (!lookupOperator(operator.key) && parseOperator(operator.key).base.toLowerCase() === 'null') continue;
        const caseOnly = sameButCase(operator.key);
        const suggestion = caseOnly ?? closest(operator.key, SPELLINGS);
        report({
          span: operator.keySpan,
          message: caseOnly
            ? `IAM matches condition operators with their case and has no "${operator.key}": it rejects the whole policy ("Invalid Condition type"), so the role cannot be created or updated. Write "${caseOnly}".`
            : `IAM has no condition operator "${operator.key}": it rejects the whole policy, so the role cannot be created or updated. ${
                suggestion ? `Did you mean "${suggestion}"?` : 'Operators are StringEquals, StringLike, ArnLike, Bool, NumericLessThan, ... optionally with IfExists, or a ForAnyValue: / ForAllValues: prefix.'
              }`,
          fixes: suggestion ? renameOperatorFix(text, statement, operator, suggestion, `Change to "${suggestion}"`) : undefined,
        });
      }
    }
  },
};
