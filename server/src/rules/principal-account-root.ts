import { Rule } from './types';
import { replaceStringEdit } from './jsonEdits';
import { grantedAwsPrincipals, namesCallersByArn, narrowingMayBeUnknown } from '../model/zoneOfTrust';

/** The role name the fix writes, for the author to replace with the role they have in mind. */
export const ROLE_NAME_PLACEHOLDER = 'ROLE_NAME';

/**
 * A whole-account principal (trust-checks.md, C; "Limits worth knowing": a 12-digit id and
 * `arn:..:root` both mean the whole account, not the root user).
 */
export const rule: Rule = {
  id: 'principal-account-root',
  group: 'C',
  defaultSeverity: 'information',
  description: 'A whole-account principal: any identity in that account that its own policies allow can assume the role.',
  check({ policy, source, text, report }) {
    for (const { statement, principal, parsed } of grantedAwsPrincipals(policy)) {
      if (parsed.kind !== 'account' || !parsed.account) continue;
      if (namesCallersByArn(policy, statement) || narrowingMayBeUnknown(policy, statement)) continue;
      const account = parsed.account;
      const roleArn = `arn:${parsed.partition ?? 'aws'}:iam::${account}:role/`;
      const rootNote = principal.value?.endsWith(':root') ? ' (":root" means the whole account, not its root user)' : '';
      // Replacing the value in place is right in every format, so YAML and Terraform get the fix too.
      const edit = replaceStringEdit(text, principal.node, roleArn + ROLE_NAME_PLACEHOLDER, source.format);
      report({
        span: principal.node.span,
        message:
          `Every identity in account ${account} whose own IAM policies allow sts:AssumeRole on this role can assume it${rootNote}, ` +
          `not only the role you have in mind. Name that role instead ("${roleArn}<role-name>"), ` +
          'or add an "ArnEquals": {"aws:PrincipalArn": ...} condition.',
        fixes: edit ? [{ title: `Trust one role of account ${account} instead (${roleArn}${ROLE_NAME_PLACEHOLDER}: put the role's name in)`, edits: [edit] }] : undefined,
      });
    }
  },
};
