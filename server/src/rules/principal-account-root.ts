import { Rule } from './types';
import { grantedAwsPrincipals, namesCallersByArn, narrowingMayBeUnknown } from '../model/zoneOfTrust';

/**
 * A whole-account principal (trust-checks.md, C; "Limits worth knowing": a 12-digit id and
 * `arn:..:root` both mean the whole account, not the root user).
 */
export const rule: Rule = {
  id: 'principal-account-root',
  group: 'C',
  defaultSeverity: 'information',
  description: 'A whole-account principal: any identity in that account that its own policies allow can assume the role.',
  check({ policy, report }) {
    for (const { statement, principal, parsed } of grantedAwsPrincipals(policy)) {
      if (parsed.kind !== 'account' || !parsed.account) continue;
      if (namesCallersByArn(policy, statement) || narrowingMayBeUnknown(policy, statement)) continue;
      const account = parsed.account;
      const rootNote = principal.value?.endsWith(':root') ? ' (":root" means the whole account, not its root user)' : '';
      report({
        span: principal.node.span,
        message:
          `Every identity in account ${account} whose own IAM policies allow sts:AssumeRole on this role can assume it${rootNote}, ` +
          `not only the role you have in mind. Name that role instead ("arn:${parsed.partition ?? 'aws'}:iam::${account}:role/<role-name>"), ` +
          'or add an "ArnEquals": {"aws:PrincipalArn": ...} condition.',
      });
    }
  },
};
