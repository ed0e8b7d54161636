import { randomUUID } from 'crypto';
import { Fix, ReportDescriptor, Rule, RuleContext } from './types';
import { Statement } from '../model/policy';
import { AwsPrincipal } from '../aws/principals';
import { isJson } from './grammar';
import { addConditionEdit } from './jsonEdits';
import { accountOfValue, classifyAccount, grantedAwsPrincipals, hasExternalIdCondition, narrowingMayBeUnknown, zoneOfTrustConfigured } from '../model/zoneOfTrust';

/**
 * The confused-deputy pattern (trust-checks.md, C): a third party that assumes roles for many
 * customers must be told which customer it acts for, and `sts:ExternalId` is how. Own accounts
 * are quiet; a same-organization trust may use `aws:PrincipalOrgID` instead; example ids are
 * left to principal-example-account. Without `ownAccountIds` the tool cannot tell a vendor from a
 * sister account, so it only informs.
 */
const HOW_TO_ADD = '"Condition": {"StringEquals": {"sts:ExternalId": "<the id the vendor gave you>"}}';
const WHY =
  'third-party accounts need an sts:ExternalId condition so that a vendor who assumes roles for many customers cannot be tricked into using your role on behalf of someone else (the confused-deputy problem)';

function who(p: AwsPrincipal): string {
  switch (p.kind) {
    case 'role':
      return `Role ${p.name} in account ${p.account} can`;
    case 'user':
      return `User ${p.name} in account ${p.account} can`;
    case 'assumed-role':
      return `Sessions of role ${p.name} in account ${p.account} can`;
    case 'federated-user':
      return `A federated user of account ${p.account} can`;
    default:
      return `Any principal in account ${p.account} can`;
  }
}

/**
 * Requires an ExternalId with a fresh random value (a UUID: unique and unguessable, which is what
 * external-id-weak asks of it). Offered only when every principal of the statement is an AWS
 * principal outside the user's own accounts: the condition binds the whole statement, and a
 * service, a federated user or one's own role would have to send an id it does not know.
 */
function externalIdFix({ source, config, text }: RuleContext, statement: Statement): Fix[] | undefined {
  if (!isJson(source)) return undefined;
  const foreignAws = statement.principals.every((p) => {
    const account = p.type === 'AWS' && p.value !== undefined ? accountOfValue(p.value) : undefined;
    return account !== undefined && !config.ownAccountIds.includes(account);
  });
  if (!foreignAws) return undefined;
  const edit = addConditionEdit(text, statement, 'StringEquals', 'sts:ExternalId', randomUUID());
  return edit ? [{ title: 'Require an sts:ExternalId (a new random value: give it to the vendor, or use the one they gave you)', edits: [edit] }] : undefined;
}

export const rule: Rule = {
  id: 'cross-account-no-external-id',
  group: 'C',
  defaultSeverity: 'warning',
  description: 'An AWS principal in an account outside your zone of trust with no sts:ExternalId condition (confused deputy).',
  check(context) {
    const { policy, config } = context;
    // One fix per statement, shared by its principals' findings: the condition binds the whole
    // statement, and judging every principal again for each finding was quadratic in their number.
    const fixes = new Map<Statement, Fix[] | undefined>();
    const fixesOf = (s: Statement) => {
      if (!fixes.has(s)) fixes.set(s, externalIdFix(context, s));
      return fixes.get(s);
    };
    for (const { statement: s, principal: p, parsed } of grantedAwsPrincipals(policy)) {
      const report = (d: ReportDescriptor) => context.report({ ...d, fixes: fixesOf(s) });
      const account = parsed.account;
      if (!account || parsed.kind === 'invalid') continue;
      if (hasExternalIdCondition(policy, s) || narrowingMayBeUnknown(policy, s)) continue;
      const zone = classifyAccount(account, config, s, policy);
      if (zone === 'own' || zone === 'example' || zone === 'organization-known') continue;
      if (zone === 'partner') {
        report({
          span: p.node.span,
          message: `${who(parsed)} assume this role. Account ${account} is a known partner (partnerAccountIds), and ${WHY}. Add ${HOW_TO_ADD}.`,
        });
      } else if (zoneOfTrustConfigured(config)) {
        report({
          span: p.node.span,
          message: `${who(parsed)} assume this role; ${WHY}. Add ${HOW_TO_ADD}. If account ${account} is yours, add it to "ownAccountIds" in .iam-trust.json.`,
        });
      } else {
        report({
          span: p.node.span,
          severity: 'information',
          message:
            `${who(parsed)} assume this role with no sts:ExternalId condition. If account ${account} belongs to a vendor, ${WHY}: add ${HOW_TO_ADD}. ` +
            'IAM Trust cannot tell a vendor from your own accounts until you configure your zone of trust: list your accounts in "ownAccountIds" in .iam-trust.json (or the iamTrust.ownAccountIds setting), and known vendors in "partnerAccountIds".',
        });
      }
    }
  },
};
