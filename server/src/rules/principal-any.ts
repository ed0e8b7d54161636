import { Fix, Rule, RuleContext } from './types';
import { Statement } from '../model/policy';
import { isJson } from './grammar';
import { addConditionEdit } from './jsonEdits';
import { describeNarrowing, grantedAwsPrincipals, narrowingMayBeUnknown, narrowingsFor, statementName } from '../model/zoneOfTrust';

/** What the org fix writes when `organizationId` is not configured: org-id-invalid flags it until replaced. */
export const ORG_ID_PLACEHOLDER = 'o-REPLACE_ME';

/**
 * Narrows `*` to the user's organization. Offered only when `*` is the statement's one principal:
 * the condition applies to the whole statement and would lock out any other principal in it.
 */
function organizationFix({ source, config, text }: RuleContext, statement: Statement): Fix[] | undefined {
  if (!isJson(source) || statement.principals.length !== 1) return undefined;
  const orgId = config.organizationId || ORG_ID_PLACEHOLDER;
  const edit = addConditionEdit(text, statement, 'StringEquals', 'aws:PrincipalOrgID', orgId);
  if (!edit) return undefined;
  return config.organizationId
    ? [{ title: `Allow only principals of organization ${orgId} (aws:PrincipalOrgID)`, preferred: true, edits: [edit] }]
    : [{ title: `Allow only principals of your organization (aws:PrincipalOrgID; replace ${ORG_ID_PLACEHOLDER} with your o-... id)`, edits: [edit] }];
}

/**
 * `{"AWS": "*"}` in an Allow (trust-checks.md, C). What narrows the caller, including a Deny
 * statement that refuses everyone outside the organization, is decided in model/zoneOfTrust.ts.
 */
export const rule: Rule = {
  id: 'principal-any',
  group: 'C',
  defaultSeverity: 'error',
  description: '`{"AWS": "*"}` in an Allow with no condition that narrows the caller: anyone in any AWS account can assume the role.',
  check(context) {
    const { policy, report } = context;
    for (const { statement: s, principal: p } of grantedAwsPrincipals(policy)) {
      if (p.value !== '*') continue;
      const narrowings = narrowingsFor(policy, s);
      if (narrowings.length === 0) {
        if (narrowingMayBeUnknown(policy, s)) continue;
        report({
          span: p.node.span,
          message:
            'Any principal in any AWS account can assume this role: anyone who creates an AWS account gets in. Name the trusted roles or accounts instead, or add a condition such as "StringEquals": {"aws:PrincipalOrgID": "o-..."} (your organization) or "ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::<account>:role/<name>"}.',
          fixes: organizationFix(context, s),
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
