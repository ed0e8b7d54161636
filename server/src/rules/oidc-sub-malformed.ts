import { Rule, Fix } from './types';
import { Statement } from '../model/policy';
import { claimForms, IdentityProvider, SubjectForm, templateParts, templateText } from '../aws/oidcProviders';
import { blockEntries, federatedTrusts, hasWildcard, judgedValues, JudgedValue, renameBlockFix, subjectClaimsJudged, withOperatorBase } from './federation';
import { matchesSomeForm, wildcardReach } from './subjectForms';
import { replaceStringValue } from './trustPrincipals';

/**
 * A subject the provider never issues in its default format (trust-checks.md, F), so the value
 * never matches: `repo:` with nothing after it, a repository with no `:ref:` / `:environment:` /
 * `:pull_request` part, `:environment:X:pull_request`, `ref:main` for `ref:refs/heads/main`; and
 * a `*` under `StringEquals`, which IAM compares literally (IAM User Guide, condition operators).
 *
 * Only providers whose table entry lists every default form are judged (`subjectsComplete`), and
 * only values that start like one of those forms or hold no `:` at all: a GitHub repository may
 * customise its subject template (`include_claim_keys`), and such subjects start with another claim.
 */
export const rule: Rule = {
  id: 'oidc-sub-malformed',
  group: 'F',
  defaultSeverity: 'warning',
  description: 'A subject the provider never issues in its default format (`repo:org/repo` with no ref or environment, `ref:main`), or a `*` under `StringEquals`: the value never matches.',
  check({ policy, text, report }) {
    for (const trust of federatedTrusts(policy)) {
      const provider = trust.provider;
      if (!provider) continue;
      for (const claim of subjectClaimsJudged(provider)) {
        const forms = claimForms(provider, claim);
        for (const v of judgedValues(trust, claim)) {
          if (!v.pattern && hasWildcard({ text: v.text, pattern: true })) {
            report({ span: v.node.span, message: literalWildcardMessage(provider, v), fixes: likeFix(text, trust.statement, provider, forms, v) });
            continue;
          }
          if (!looksLikeDefaultForm(v, forms) || matchesSomeForm(v.text, forms, v.pattern, v.ignoreCase)) continue;
          const hint = provider.id === 'github-actions' && claim === 'sub' ? githubHint(v.text) : undefined;
          const edit = hint?.suggestion ? replaceStringValue(text, v.node, hint.suggestion) : undefined;
          report({
            span: v.node.span,
            message:
              `${provider.name} never issues "${v.text}" as ${claim === 'sub' ? 'a subject' : `a ${claim}`} in its default format, so this value never matches` +
              (hint ? `: ${hint.problem}` : '') +
              `. Its forms are ${forms.map((f) => templateText(f.template)).join(', ')}.`,
            fixes: edit ? [{ title: `Write "${hint!.suggestion}"`, preferred: hint!.preferred, edits: [edit] }] : undefined,
          });
        }
      }
    }
  },
};

/** Values that start like a default form, or hold no `:` (no customised subject looks like that). */
function looksLikeDefaultForm(v: JudgedValue, forms: SubjectForm[]): boolean {
  if (!v.text.includes(':')) return true;
  const value = v.ignoreCase ? v.text.toLowerCase() : v.text;
  return forms.some((f) => {
    const first = templateParts(f.template)[0];
    return first !== undefined && 'text' in first && value.startsWith(v.ignoreCase ? first.text.toLowerCase() : first.text);
  });
}

function literalWildcardMessage(provider: IdentityProvider, v: JudgedValue): string {
  const base = v.condition.operator;
  return `${base} compares "${v.text}" literally: "*" and "?" stand for themselves, no ${provider.name} token carries them, so this value never matches. Use StringLike to match a pattern, or write the exact value.`;
}

/**
 * Renaming the block to `StringLike` is the clear fix when the block holds no other wildcard and
 * the pattern would not admit other tenants (then the fix would open the role instead).
 */
function likeFix(text: string, statement: Statement, provider: IdentityProvider, forms: SubjectForm[], v: JudgedValue): Fix[] | undefined {
  if (v.ignoreCase || !provider.tenantPlaceholder) return undefined;
  const entries = blockEntries(statement, v.condition);
  const othersHaveWildcards = entries.some((e) => e !== v.condition && e.values.some((x) => x.value !== undefined && /[*?]/.test(x.value)));
  if (othersHaveWildcards) return undefined;
  const opensTenant = v.condition.values.some((x) => {
    if (x.value === undefined || !/[*?]/.test(x.value)) return false;
    const reach = wildcardReach(x.value, forms, provider.tenantPlaceholder!, provider.scopePlaceholder);
    return !reach || reach.reach === 'tenant';
  });
  if (opensTenant) return undefined;
  const like = withOperatorBase(v.condition.operator, 'StringLike');
  const fix = renameBlockFix(text, statement, v.condition, like, `Change to "${like}"`);
  return fix && [fix];
}

/** What is wrong with a GitHub subject, in words, and the value meant when that is clear. */
function githubHint(value: string): { problem: string; suggestion?: string; preferred?: boolean } | undefined {
  const repo = /^(repo:[^:/]+\/[^:]+)/.exec(value)?.[1];
  if (/^repo:[^/]*$/.test(value)) return { problem: 'it names no repository (repo:OWNER/REPO)' };
  if (!repo) return undefined;
  if (value === repo) {
    return {
      problem: `it names the repository but not what the workflow runs for: GitHub always adds :ref:refs/heads/BRANCH, :ref:refs/tags/TAG, :environment:NAME or :pull_request (write "${repo}:*" under StringLike to allow all of them)`,
    };
  }
  const env = /^(repo:[^:]+\/[^:]+:environment:[^:]+):pull_request$/.exec(value);
  if (env) return { problem: 'a pull request job that targets an environment gets the environment subject, with no :pull_request part', suggestion: env[1] };
  const ref = /^(repo:[^:]+\/[^:]+):ref:(?!refs\/)([^:*?]+)$/.exec(value);
  if (ref) return { problem: 'GitHub writes the full ref: refs/heads/BRANCH or refs/tags/TAG', suggestion: `${ref[1]}:ref:refs/heads/${ref[2]}`, preferred: true };
  return undefined;
}
