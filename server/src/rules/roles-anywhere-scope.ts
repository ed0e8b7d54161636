import { Rule } from './types';
import { ConditionEntry } from '../model/policy';
import { splitArn } from '../aws/principals';
import { conditionValues, hasWildcard, isNegatedOperator, isNullOperator, isWildcardOperator, narrowingMayBeUnknown, narrowingsFor } from '../model/zoneOfTrust';
import { allowedServices, ROLES_ANYWHERE } from './serviceGuards';

/**
 * IAM Roles Anywhere with nothing that names the trust anchor or the certificate
 * (trust-checks.md, G). IAM Roles Anywhere User Guide, "Trust model" (role trust policy): the
 * service puts the trust anchor's ARN in aws:SourceArn and the certificate's subject, issuer and
 * SAN in aws:PrincipalTag/x509Subject/..., x509Issuer/..., x509SAN/...; without a condition on
 * either, every certificate that any trust anchor of the account accepts gets the role.
 */

/** A trust-anchor ARN that names one anchor: its account and anchor id are literal. */
function namesOneAnchor(text: string | undefined, wildcardOperator: boolean): boolean {
  if (text === undefined || !wildcardOperator) return true;
  const arn = splitArn(text);
  const anchor = arn?.resource.split('/')[1];
  return !!arn && !hasWildcard(arn.account) && !!anchor && !hasWildcard(anchor);
}

/** A certificate attribute value that is not a catch-all. */
function namesCertificate(text: string | undefined, wildcardOperator: boolean): boolean {
  return text === undefined || !wildcardOperator || text.replace(/[*?]/g, '') !== '';
}

function scopes(c: ConditionEntry): boolean {
  if (isNullOperator(c.operator) || isNegatedOperator(c.operator)) return false;
  const key = c.key.toLowerCase();
  const wildcard = isWildcardOperator(c.operator);
  const values = conditionValues(c);
  if (values.length === 0) return false;
  if (key === 'aws:sourcearn') return values.every((v) => namesOneAnchor(v.text, wildcard));
  if (/^aws:principaltag\/x509/.test(key)) return values.every((v) => namesCertificate(v.text, wildcard));
  return false;
}

export const rule: Rule = {
  id: 'roles-anywhere-scope',
  group: 'G',
  defaultSeverity: 'warning',
  description: 'Roles Anywhere with no `aws:SourceArn` (trust anchor) and no `aws:PrincipalTag/x509...` condition: any certificate of any anchor in the account works.',
  check({ policy, report }) {
    for (const { statement, principal, name } of allowedServices(policy)) {
      if (name !== ROLES_ANYWHERE || narrowingMayBeUnknown(policy, statement) || statement.conditions.some(scopes)) continue;
      if (narrowingsFor(policy, statement).some((n) => n.denyStatement && n.condition.key.toLowerCase() === 'aws:sourcearn')) continue;
      report({
        span: principal.node.span,
        message:
          'Any certificate that any trust anchor of this account accepts can get this role, including anchors added later for other workloads. Name the trust anchor with "ArnEquals": {"aws:SourceArn": "arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>"}, and the workload with a certificate condition such as "StringEquals": {"aws:PrincipalTag/x509Subject/CN": "<common name>"}.',
      });
    }
  },
};
