import { Rule } from './types';
import { templateText } from '../aws/oidcProviders';
import { anyClaimCondition, claimKey, conditionsUnreadable, federatedTrusts, missingTenancyRule, refusedUnlessClaim } from './federation';

/**
 * An OIDC or web identity principal with no condition on its provider's claims (trust-checks.md,
 * F): STS checks the token's signature and that its audience is registered on the IAM provider,
 * and then the trust policy's conditions are all that tell one token from another.
 *
 * Providers with a more specific rule (shared issuers, EKS, Amazon Cognito) are reported by that
 * rule instead (federation.ts, missingTenancyRule), so each gap is reported once.
 */
export const rule: Rule = {
  id: 'oidc-no-condition',
  group: 'F',
  defaultSeverity: 'warning',
  description: 'An OIDC or web identity principal with no condition on its provider\'s claims: any token the issuer signs can assume the role.',
  check({ policy, report }) {
    for (const trust of federatedTrusts(policy)) {
      if (trust.kind === 'saml' || missingTenancyRule(trust.provider) !== 'oidc-no-condition') continue;
      if (conditionsUnreadable(trust.statement) || anyClaimCondition(trust) || refusedUnlessClaim(policy, trust, []) !== false) continue;
      const who = trust.provider ? `${trust.provider.name} (${trust.issuer})` : trust.issuer;
      const subjects = trust.provider?.subjects?.map((s) => templateText(s.template));
      report({
        span: trust.principal.node.span,
        message:
          `Any token that ${who} signs can assume this role: the Condition checks none of its claims, so every user, application or pipeline that issuer serves gets in. ` +
          `Add a condition on "${claimKey(trust, 'sub')}" naming who may assume the role` +
          (subjects?.length ? ` (its subjects look like ${subjects.join(' or ')})` : '') +
          `, and on "${claimKey(trust, 'aud')}" naming your application.`,
      });
    }
  },
};
