import { Rule } from './types';
import { templateText } from '../aws/oidcProviders';
import { claimKey, conditionsUnreadable, federatedTrusts, identityProviderControlsSentence, missingTenancyRule, refusedUnlessClaim, requiringConditions, capitalise } from './federation';

/**
 * A shared issuer whose tenancy claim is not evaluated (trust-checks.md, F). GitHub, GitLab.com,
 * HCP Terraform and Buildkite sign the tokens of all their customers with one issuer; only a claim
 * (the subject) says whose pipeline a token belongs to. IAM refuses new or updated GitHub trust
 * policies that check neither `:sub` nor `:job_workflow_ref` (IAM User Guide, "Identity-provider
 * controls for shared OIDC providers"); for the other providers the table marks it unconfirmed.
 *
 * Condition-aware: another claim that pins the tenant (`repository_owner_id`) makes it a warning
 * (the role is safe, IAM may still refuse it); `job_workflow_ref` alone is information.
 */
export const rule: Rule = {
  id: 'oidc-sub-missing',
  group: 'F',
  defaultSeverity: 'error',
  description: 'A shared issuer (GitHub, GitLab.com, HCP Terraform, Buildkite, Google...) whose tenancy claim is not checked: any of its customers can assume the role.',
  check({ policy, report }) {
    for (const trust of federatedTrusts(policy)) {
      const provider = trust.provider;
      if (!provider || missingTenancyRule(provider) !== 'oidc-sub-missing' || conditionsUnreadable(trust.statement)) continue;
      const tenancy = provider.tenancyClaim;
      const key = claimKey(trust, tenancy);
      const controls = provider.identityProviderControls?.claims ?? [];
      if (requiringConditions(trust, tenancy).length > 0 || refusedUnlessClaim(policy, trust, [tenancy]) !== false) continue;
      const span = trust.principal.node.span;
      const workflowOnly = controls.filter((c) => c !== tenancy).find((c) => requiringConditions(trust, c).length > 0);
      if (workflowOnly) {
        report({
          span,
          severity: 'information',
          message:
            `Only "${claimKey(trust, workflowOnly)}" is checked: it fixes which reusable workflow runs, not which repository calls it, and any repository allowed to call that workflow (any repository at all when it is public) gets a token with that value. ` +
            `Add a condition on "${key}" as well.`,
        });
        continue;
      }
      const form = provider.subjects?.[0];
      const example = ` Add a condition on "${key}"${form ? `, for example "StringEquals": {"${key}": "${templateText(form.template)}"}` : ''}.`;
      const other = (provider.otherTenancyClaims ?? []).find((c) => requiringConditions(trust, c).length > 0);
      if (other) {
        const sentence = identityProviderControlsSentence(provider);
        if (!sentence) continue;
        report({
          span,
          severity: 'warning',
          message: `"${claimKey(trust, other)}" pins the ${provider.name} customer, so the role is not open to everyone; but nothing checks "${key}".${sentence}${example}`,
        });
        continue;
      }
      report({
        span,
        message:
          `${capitalise(provider.unrestrictedWho ?? `any customer of ${provider.name}`)} can assume this role: ${provider.name} signs every customer's tokens with the same issuer, and nothing here checks "${key}", the claim that tells them apart.` +
          identityProviderControlsSentence(provider) +
          example,
      });
    }
  },
};
