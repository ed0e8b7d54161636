import { Rule } from './types';
import { objectStart, policyObject } from './grammar';

/** IAM User Guide (reference_policies_elements_statement): `Statement` is required. */
export const rule: Rule = {
  id: 'statement-missing',
  group: 'A',
  defaultSeverity: 'error',
  description: 'No `Statement`, or an empty one.',
  check({ policy, text, report }) {
    const root = policyObject(policy);
    if (!root) return;
    const property = policy.statementProperty;
    if (!property) {
      report({
        span: objectStart(text, root),
        message:
          'This policy has no "Statement": IAM rejects it, and nobody could assume the role anyway. Add a "Statement" list with one statement that allows the trusted principal, e.g. {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}.',
      });
      return;
    }
    const value = property.value;
    if (value?.kind === 'array' && value.items.length === 0) {
      report({
        span: value.span,
        message:
          '"Statement" is an empty list: IAM rejects the policy, and nobody could assume the role anyway. Add a statement that allows the trusted principal to call sts:AssumeRole.',
      });
    }
  },
};
