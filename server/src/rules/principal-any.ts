import { Rule } from './types';
import { describeNarrowing, grantedAwsPrincipals, narrowingMayBeUnknown, narrowingsFor, statementName } from '../model/zoneOfTrust';

/**
 * `{"AWS": "*"}` in an Allow (trust-checks.md, C). What narrows the caller, including a Deny
 * statement that refuses everyone outside the organization, is decided in model/zoneOfTrust.ts.
 */
export const rule: Rule = {
  id: 'principal-any',
  group: 'C',
  defaultSeverity: 'error',
  description: '`{"AWS": "*"}` in an Allow with no condition that narrows the caller: anyone in any AWS account can assume the role.',
  check({ policy, report }) {
    for (const { statement: s, principal: p } of grantedAwsPrincipals(policy)) {
      if (p.value !== '*') continue;
      const narrowings = narrowingsFor(policy, s);
      if (narrowings.length === 0) {
        if (narrowingMayBeUnknown(policy, s)) continue;
        report({
          span: p.node.span,
          message:
            'Any principal in any AWS account can assume this role: anyone who creates an AWS account gets in. Name the trusted roles or accounts instead, or add a condition such as "StringEquals": {"aws:PrincipalOrgID": "o-..."} (your organization) or "ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::<account>:role/<name>"}.',
        });
        continue;
      }
      const restrictions = narrowings.map((n) =>
        n.denyStatement
          ? `the Deny in ${statementName(n.denyStatement)} refuses everyone but ${describeNarrowing(n.condition)} (${n.condition.key})`
          : `${n.condition.key} restricts it to ${describeNarrowing(n.condition)}`,
      );
      report({
        span: p.node.span,
        severity: 'hint',
        message: `Any AWS principal may ask, but ${restrictions.join('; and ')}.`,
      });
    }
  },
};
