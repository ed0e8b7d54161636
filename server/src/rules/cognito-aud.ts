import { Rule } from './types';
import { audienceRegExps } from '../aws/oidcProviders';
import { claimKey, conditionsUnreadable, hasWildcard, identityProviderControlsSentence, judgedValues, refusedUnlessClaim, requiringConditions, trustsOf } from './federation';
import { patternTokens } from './subjectForms';

/**
 * `cognito-identity.amazonaws.com` without a `:aud` condition naming the identity pool
 * (trust-checks.md, F). Anyone can create an identity pool in their own account and get Cognito
 * tokens from it; the audience (`REGION:UUID`, the pool id) is the only claim that says which pool
 * a token comes from (Amazon Cognito Developer Guide, "IAM roles": role trust and permissions).
 */
export const rule: Rule = {
  id: 'cognito-aud',
  group: 'F',
  defaultSeverity: 'warning',
  description: '`cognito-identity.amazonaws.com` without a `:aud` condition naming the identity pool: identities of any pool, in any account, can assume the role.',
  check({ policy, report }) {
    for (const trust of trustsOf(policy, 'cognito-identity')) {
      const provider = trust.provider!;
      const key = claimKey(trust, 'aud');
      if (requiringConditions(trust, 'aud').length === 0) {
        if (conditionsUnreadable(trust.statement) || refusedUnlessClaim(policy, trust, ['aud']) !== false) continue;
        report({
          span: trust.principal.node.span,
          message:
            `Identities of any Amazon Cognito identity pool, in any AWS account, can assume this role: nothing checks "${key}", the identity pool id. Add "StringEquals": {"${key}": "REGION:IDENTITY_POOL_UUID"}.` +
            identityProviderControlsSentence(provider),
        });
        continue;
      }
      const poolId = audienceRegExps(provider)[0];
      for (const v of judgedValues(trust, 'aud')) {
        if (v.pattern && hasWildcard(v)) {
          const literal = patternTokens(v.text, true).findIndex((t) => !('char' in t));
          const region = /^[a-z]{2,4}(-[a-z]+)+-\d+:/.exec(v.text.slice(0, literal))?.[0];
          report({
            span: v.node.span,
            message: `"${v.text}" matches the ids of many identity pools${region ? ` in ${region.slice(0, -1)}` : ''}, other accounts' pools included: their identities can assume this role. Write your pool's id (REGION:UUID) under StringEquals.`,
          });
          continue;
        }
        if (poolId.test(v.ignoreCase ? v.text.toLowerCase() : v.text)) continue;
        report({
          span: v.node.span,
          message: `"${v.text}" is not an identity pool id (REGION:UUID, as in us-east-1:4f3e2d1c-0b9a-8877-6655-443322110099), so no Cognito token matches${/[*?]/.test(v.text) ? ` (${v.condition.operator} compares "*" and "?" literally)` : ''}.`,
        });
      }
    }
  },
};
