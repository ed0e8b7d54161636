import { Rule } from './types';
import { ConditionEntry } from '../model/policy';
import { conditionValues } from '../model/zoneOfTrust';
import { claimForms, IdentityProvider, templateText } from '../aws/oidcProviders';
import { claimOf, comparison, FederatedTrust, federatedTrusts, hasWildcard, judgedValues, JudgedValue, missingTenancyRule, requiringConditions, capitalise } from './federation';
import { hasPolicyVariable, Reach, wildcardReach } from './subjectForms';

/**
 * A subject pattern whose wildcard stands for the tenant (trust-checks.md, F): `repo:*`,
 * `repo:*\/*`, `repo:acme*` (anyone can register `acme-evil`), `organization:*:...`,
 * `project_path:*`. Every value of a list is judged: values are OR-ed, and IAM's own check of new
 * policies reads only the first (unconfirmed). One tenant with any unit (`repo:acme/*`) or one
 * unit with any ref (`repo:acme/app:*`) is narrower: information.
 *
 * Condition-aware: when another condition pins the tenant (a second subject condition, or
 * GitHub's `repository_owner_id`), conditions being AND-ed, a broad value is information.
 */
export const rule: Rule = {
  id: 'oidc-sub-broad',
  group: 'F',
  defaultSeverity: 'warning',
  description: 'A subject pattern whose wildcard covers the tenant (`repo:*`, `organization:*:...`): other customers of the provider match. One owner or one repository with a wildcard is reported as information.',
  check({ policy, report }) {
    for (const trust of federatedTrusts(policy)) {
      const provider = trust.provider;
      if (!provider?.tenantPlaceholder || missingTenancyRule(provider) !== 'oidc-sub-missing') continue;
      for (const claim of ['sub', ...Object.keys(provider.claimForms ?? {})]) {
        for (const v of judgedValues(trust, claim)) {
          if (!v.pattern || !hasWildcard(v)) continue;
          const reach = wildcardReach(v.text, claimForms(provider, claim), provider.tenantPlaceholder, provider.scopePlaceholder);
          if (!reach || reach.reach === 'inner') continue;
          if (reach.reach === 'tenant') {
            const pinned = tenantPinnedElsewhere(trust, provider, v.condition);
            if (pinned === 'unknown') continue;
            report({ span: v.node.span, severity: pinned ? 'information' : undefined, message: tenantMessage(provider, claim, v, reach, pinned) });
          } else {
            report({ span: v.node.span, severity: 'information', message: narrowerMessage(provider, v, reach) });
          }
        }
      }
    }
  },
};

function tenantMessage(provider: IdentityProvider, claim: string, v: JudgedValue, reach: Reach, pinned: boolean): string {
  const words = provider.subjectWords;
  const tenant = words?.tenant ?? provider.tenantPlaceholder!;
  const stands = reach.partial
    ? `the wildcard continues the ${tenant} name "${reach.partial}", and anyone can register ${withArticle(tenant)} whose name starts that way`
    : `the wildcard stands for the ${tenant}`;
  const form = claimForms(provider, claim)[0];
  const advice = form ? ` Name your ${tenant}${words?.scope ? ` and ${words.scope}` : ''}: "${templateText(form.template)}".` : '';
  if (pinned) {
    return `"${v.text}" matches other ${provider.name} customers' tokens (${stands}); another condition of this statement pins the ${tenant}, so they are refused, but this value restricts nothing on its own.${advice}`;
  }
  const listNote =
    v.index > 0 ? ` IAM's own check of new trust policies reads only the first value of a list (unconfirmed), so it lets this one through.` : '';
  return `${capitalise(provider.unrestrictedWho ?? `any ${provider.name} customer`)} can assume this role: in "${v.text}" ${stands}.${advice}${listNote}`;
}

function narrowerMessage(provider: IdentityProvider, v: JudgedValue, reach: Reach): string {
  const words = provider.subjectWords;
  const tenant = reach.fixed[provider.tenantPlaceholder!];
  const scope = provider.scopePlaceholder ? reach.fixed[provider.scopePlaceholder] : undefined;
  if (reach.reach === 'scope' || scope === undefined) {
    return `"${v.text}" admits every ${words?.scope ?? 'unit'} of the ${words?.tenant ?? 'tenant'} "${tenant}", including ones created later. If only some of them should assume this role, name them.`;
  }
  return `"${v.text}" leaves open what follows the ${words?.scope ?? 'unit'} "${scope}" of the ${words?.tenant ?? 'tenant'} "${tenant}"${words?.context ? ` (its ${words.context})` : ''}: all of them can assume this role. If only one should (a protected branch, a deployment environment), name it.`;
}

/**
 * Whether another condition of the statement pins the tenant: every value of it names one tenant.
 * `unknown` when such a condition has a value known only at deploy time.
 */
function tenantPinnedElsewhere(trust: FederatedTrust, provider: IdentityProvider, except: ConditionEntry): boolean | 'unknown' {
  let unknown = false;
  for (const c of requiringConditions(trust, provider.tenancyClaim, ...(provider.otherTenancyClaims ?? []))) {
    if (c === except) continue;
    const how = comparison(c.operator);
    const values = conditionValues(c);
    if (!how || values.length === 0) continue;
    if (values.some((v) => v.text === undefined || hasPolicyVariable(v.text))) {
      unknown = true;
      continue;
    }
    const forms = claimForms(provider, claimOf(trust, c.key)!);
    const pins = values.every((v) => {
      const judged = { text: v.text!, pattern: how === 'pattern' };
      if (!hasWildcard(judged)) return true;
      const reach = forms.length ? wildcardReach(v.text!, forms, provider.tenantPlaceholder!, provider.scopePlaceholder) : undefined;
      return reach !== undefined && reach.reach !== 'tenant';
    });
    if (pins) return true;
  }
  return unknown ? 'unknown' : false;
}

function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
