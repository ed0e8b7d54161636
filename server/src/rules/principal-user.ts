import { Rule } from './types';
import { grantedAwsPrincipals } from '../model/zoneOfTrust';

/** An IAM user principal (trust-checks.md, C): long-lived credentials, but often a vendor's design. */
export const rule: Rule = {
  id: 'principal-user',
  group: 'C',
  defaultSeverity: 'information',
  description: 'An IAM user principal: users have long-lived access keys; prefer a role for automation.',
  check({ policy, report }) {
    for (const { principal, parsed } of grantedAwsPrincipals(policy)) {
      if (parsed.kind !== 'user') continue;
      report({
        span: principal.node.span,
        message:
          `IAM user ${parsed.name} in account ${parsed.account} signs requests with long-lived access keys, which leak more easily than the temporary credentials of a role. ` +
          `For your own automation, trust a role instead ("arn:${parsed.partition}:iam::${parsed.account}:role/<role-name>"). ` +
          'If a vendor gave you this user ARN to trust (Snowflake does, for example), this is expected and not a defect.',
      });
    }
  },
};
