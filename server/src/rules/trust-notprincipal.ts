import { Rule } from './types';

/**
 * `NotPrincipal` is not allowed in a role trust policy (trust-checks.md, B): IAM rejects it, and in
 * an Allow it would mean "everyone except", so the intent is better written with a condition.
 */
export const rule: Rule = {
  id: 'trust-notprincipal',
  group: 'B',
  defaultSeverity: 'error',
  description: '`NotPrincipal` in a role trust policy: IAM does not allow it.',
  check({ policy, report }) {
    for (const statement of policy.statements) {
      const property = statement.notPrincipalProperty;
      if (!property) continue;
      const denyAdvice = 'To refuse everyone but some principals, write "Principal": {"AWS": "*"} with a condition such as "ArnNotEquals": {"aws:PrincipalArn": [...]}.';
      const allowAdvice = 'With "Allow" it would trust everyone except the principals listed. Name who may assume the role under "Principal" instead.';
      const advice =
        statement.effect === 'Deny'
          ? denyAdvice
          : statement.effect === 'Allow'
            ? allowAdvice
            : `Name who may assume the role under "Principal"; ${denyAdvice.charAt(0).toLowerCase()}${denyAdvice.slice(1)}`;
      report({
        span: property.keySpan,
        message: `A role trust policy cannot use "${property.key}": IAM rejects the policy. ${advice}`,
      });
    }
  },
};
