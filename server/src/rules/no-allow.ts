import { Rule } from './types';
import { statementsAreUnknown } from '../model/zoneOfTrust';

/**
 * A trust policy grants only what an Allow statement names (trust-checks.md, C): with none,
 * nobody can assume the role. Statements with a missing, misspelt or deploy-time Effect may be
 * meant as Allow, so they keep the rule quiet (effect-invalid speaks about them).
 */
export const rule: Rule = {
  id: 'no-allow',
  group: 'C',
  defaultSeverity: 'warning',
  description: 'No Allow statement at all: nobody can assume the role.',
  check({ policy, report }) {
    const statementKey = policy.statementProperty;
    if (!statementKey || policy.statements.length === 0 || statementsAreUnknown(policy)) return;
    if (policy.statements.some((s) => s.effect !== 'Deny')) return;
    report({
      span: statementKey.keySpan,
      message:
        'No statement here has "Effect": "Allow", and a trust policy grants only what an Allow names: nobody can assume this role. ' +
        'Add an Allow statement naming who may assume it (for example {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::<account>:role/<name>"}, "Action": "sts:AssumeRole"}); a Deny only takes access away.',
    });
  },
};
