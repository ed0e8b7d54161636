import { Statement } from '../model/policy';
import { Rule } from './types';

/**
 * IAM User Guide (reference_policies_grammar): a statement has either Action or NotAction, and
 * either Principal or NotPrincipal, never both.
 */
const PAIRS = [
  {
    get: (s: Statement) => [s.actionProperty, s.notActionProperty],
    advice: 'Keep "Action" and list the actions the principal may call, such as "sts:AssumeRole".',
  },
  {
    get: (s: Statement) => [s.principalProperty, s.notPrincipalProperty],
    advice: 'Keep "Principal" and name who may assume the role; a trust policy cannot use "NotPrincipal" anyway.',
  },
];

export const rule: Rule = {
  id: 'exclusive-elements',
  group: 'A',
  defaultSeverity: 'error',
  description: '`Action` with `NotAction`, or `Principal` with `NotPrincipal`, in one statement.',
  check({ policy, report }) {
    for (const statement of policy.statements) {
      for (const pair of PAIRS) {
        const [positive, negative] = pair.get(statement);
        if (!positive || !negative) continue;
        const later = positive.span.offset > negative.span.offset ? positive : negative;
        report({
          span: later.keySpan,
          message: `A statement cannot have both "${positive.key}" and "${negative.key}": IAM rejects the policy. ${pair.advice}`,
        });
      }
    }
  },
};
