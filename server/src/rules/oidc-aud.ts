import { Rule } from './types';
import { isJson } from './grammar';
import { addConditionFix, claimKey, conditionsUnreadable, federatedTrusts, hasWildcard, judgedValues, refusedUnlessClaim, requiringConditions } from './federation';
import { matchesEverything, patternMatches } from './subjectForms';
import { replaceStringValue } from './trustPrincipals';

/**
 * No audience condition, or an audience other than the one the provider issues for AWS
 * (trust-checks.md, F): GitHub Actions and Buildkite `sts.amazonaws.com`, HCP Terraform
 * `aws.workload.identity` by default, GitLab what the job's `id_tokens` asks for.
 *
 * STS itself accepts a token whose audience is any client id registered on the IAM OIDC provider
 * (IAM User Guide, "Create an OpenID Connect (OIDC) identity provider in IAM"); the `:aud`
 * condition keeps this role to the audience meant for it.
 *
 * EKS (eks-irsa-sub), Amazon Cognito and Google (whose audience names the tenant: cognito-aud,
 * oidc-sub-missing) and SAML (saml-aud) are judged by their own rules.
 */
export const rule: Rule = {
  id: 'oidc-aud',
  group: 'F',
  defaultSeverity: 'warning',
  description: 'An OIDC provider with no audience condition, or an audience other than the one the provider issues for AWS (`sts.amazonaws.com`, `aws.workload.identity`).',
  check({ policy, source, text, report }) {
    for (const trust of federatedTrusts(policy)) {
      const provider = trust.provider;
      if (trust.kind !== 'oidc' || !provider?.audience || provider.id === 'eks-irsa' || provider.tenancyClaim === 'aud') continue;
      const key = claimKey(trust, 'aud');
      const audience = provider.audience;
      if (requiringConditions(trust, 'aud').length === 0) {
        if (conditionsUnreadable(trust.statement) || refusedUnlessClaim(policy, trust, ['aud']) !== false) continue;
        const fix = isJson(source) ? addConditionFix(text, trust.statement, key, audience, `Add "${key}": "${audience}"`) : undefined;
        report({
          span: trust.principal.node.span,
          message:
            `Nothing checks "${key}": STS accepts a token issued for any audience registered on this IAM OIDC provider, so tokens ${provider.name} issues for other tools get in too. ` +
            `Add "StringEquals": {"${key}": "${audience}"}` +
            (provider.audienceNote ? ` (${provider.audienceNote})` : ` (the audience ${provider.name} issues for AWS)`) +
            '.',
          fixes: fix && [fix],
        });
        continue;
      }
      const values = judgedValues(trust, 'aud');
      for (const v of values) {
        if (v.pattern && matchesEverything(v.text)) {
          report({ span: v.node.span, message: `"${v.text}" matches every audience, so this condition restricts nothing. Write "${audience}", the audience ${provider.name} issues for AWS.` });
          continue;
        }
        if (provider.audienceChosenByUser || patternMatches(v.text, audience, v.pattern && hasWildcard(v), v.ignoreCase)) continue;
        const alsoExpected = values.some((o) => o !== v && o.condition === v.condition && patternMatches(o.text, audience, o.pattern, o.ignoreCase));
        const edit = alsoExpected ? undefined : replaceStringValue(text, v.node, audience);
        report({
          span: v.node.span,
          severity: alsoExpected ? 'information' : undefined,
          message:
            `${provider.name} issues its tokens for AWS with the audience "${audience}", not "${v.text}"` +
            (alsoExpected
              ? `: this extra value admits tokens meant for something else. Remove it unless a workflow asks for that audience.`
              : `, so unless your jobs ask for this audience (and it is registered on the IAM OIDC provider) no token matches. Write "${audience}".`),
          fixes: edit ? [{ title: `Write "${audience}"`, edits: [edit] }] : undefined,
        });
      }
    }
  },
};
