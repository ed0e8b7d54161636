import { Rule } from './types';
import { ConditionEntry } from '../model/policy';
import { consequence, holdsWhenAbsent, keyFormMatches } from './conditionChecks';
import { isNullOperator } from '../model/zoneOfTrust';
import { literalPrincipals, principalsMayBeUnknown } from './trustPrincipals';
import { lookupServicePrincipal } from '../aws/services';
import { ROLES_ANYWHERE } from './serviceGuards';

/**
 * A condition key a service principal never has (trust-checks.md, G). IAM User Guide, "AWS global
 * condition context keys": aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount,
 * aws:PrincipalArn and aws:PrincipalTag describe an IAM principal (an account's user or role); a
 * request a service makes with its service principal carries aws:PrincipalServiceName and
 * aws:PrincipalIsAWSService instead. The aws:Source* keys describe the resource the service acts
 * for, which is what these conditions usually meant.
 *
 * IAM Roles Anywhere is the exception: it puts the certificate's subject, issuer and SAN in
 * aws:PrincipalTag/x509Subject/..., x509Issuer/..., x509SAN/... (IAM Roles Anywhere User Guide,
 * "Trust model").
 */
const PRINCIPAL_ONLY_KEYS: ReadonlyArray<{ key: string; instead?: string }> = [
  { key: 'aws:PrincipalOrgID', instead: 'aws:SourceOrgID' },
  { key: 'aws:PrincipalOrgPaths', instead: 'aws:SourceOrgPaths' },
  { key: 'aws:PrincipalAccount', instead: 'aws:SourceAccount' },
  { key: 'aws:PrincipalArn', instead: 'aws:SourceArn' },
  { key: 'aws:PrincipalTag/${TagKey}' },
  { key: 'aws:username' },
];

const CERTIFICATE_TAGS = /^aws:principaltag\/x509/i;

function principalOnly(c: ConditionEntry, services: string[]) {
  if (CERTIFICATE_TAGS.test(c.key) && services.includes(ROLES_ANYWHERE)) return undefined;
  return PRINCIPAL_ONLY_KEYS.find((k) => keyFormMatches(k.key, c.key));
}

export const rule: Rule = {
  id: 'service-condition-unsupported',
  group: 'G',
  defaultSeverity: 'warning',
  description: 'A condition key the service principal never has (for example `aws:PrincipalOrgID` with a service principal).',
  check({ policy, report }) {
    for (const statement of policy.statements) {
      if (principalsMayBeUnknown(statement)) continue;
      const services = literalPrincipals(statement, 'Service');
      if (services.length === 0 || services.length !== statement.principals.length) continue;
      const names = services.map((s) => s.value).join(', ');
      const catalogued = services.map((s) => lookupServicePrincipal(s.value)).flatMap((l) => (l.kind === 'known' ? [l.info.principal] : []));
      for (const c of statement.conditions) {
        const known = principalOnly(c, catalogued);
        const holds = known && !isNullOperator(c.operator) ? holdsWhenAbsent(c) : undefined;
        if (!known || holds === undefined) continue;
        const blocks = (statement.effect === 'Allow' && !holds) || (statement.effect === 'Deny' && holds);
        report({
          span: c.keySpan,
          severity: blocks ? undefined : 'information',
          message: `A service principal (${names}) has no ${c.key}: that key describes an IAM user or role, and the service's request never carries it, so ${consequence(statement, holds)}.${
            known.instead ? ` To tie the service to your resources, use ${known.instead} (the resource it acts for).` : ''
          }`,
        });
      }
    }
  },
};
