import { Rule, Fix, TextEdit } from './types';
import { claimForms, IdentityProvider } from '../aws/oidcProviders';
import { addJsonProperty, isJson, replaceWord } from './grammar';
import {
  addConditionFix,
  claimConditions,
  claimKey,
  conditionsUnreadable,
  FederatedTrust,
  hasWildcard,
  judgedValues,
  JudgedValue,
  operatorBlock,
  refusedUnlessClaim,
  requiringConditions,
  trustsOf,
} from './federation';
import { matchesEverything, matchesSomeForm, patternMatches, wildcardReach } from './subjectForms';
import { replaceStringValue } from './trustPrincipals';
import { RuleContext } from './types';

/**
 * IAM roles for service accounts (trust-checks.md, F). An EKS cluster's OIDC issuer signs a token
 * for every pod's service account; `:sub` (`system:serviceaccount:<namespace>:<name>`) says which
 * one, and `:aud` is `sts.amazonaws.com` (Amazon EKS User Guide, "Assign IAM roles to Kubernetes
 * service accounts"). Namespaces are DNS labels and service account names DNS subdomains
 * (Kubernetes object names): lower case, so `Payments` never matches.
 */
export const rule: Rule = {
  id: 'eks-irsa-sub',
  group: 'F',
  defaultSeverity: 'warning',
  description: 'An EKS OIDC provider whose `:sub` is missing, wildcarded beyond one service account, malformed, or written under `:aud`; or an `:aud` other than `sts.amazonaws.com` (a missing `:aud` alone is a hint).',
  check(context) {
    for (const trust of trustsOf(context.policy, 'eks-irsa')) {
      const provider = trust.provider!;
      const subjectUnderAud = checkAudience(context, trust, provider);
      if (!subjectUnderAud) checkSubject(context, trust, provider);
    }
  },
};

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SERVICE_ACCOUNT = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function checkSubject({ policy, text, report }: RuleContext, trust: FederatedTrust, provider: IdentityProvider): void {
  const key = claimKey(trust, 'sub');
  if (requiringConditions(trust, 'sub').length === 0) {
    if (conditionsUnreadable(trust.statement) || refusedUnlessClaim(policy, trust, ['sub']) !== false) return;
    report({
      span: trust.principal.node.span,
      message: `Every pod of this EKS cluster can assume this role, whatever its namespace and service account: nothing checks "${key}". Add "StringEquals": {"${key}": "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT", "${claimKey(trust, 'aud')}": "${provider.audience}"}.`,
    });
    return;
  }
  const forms = claimForms(provider, 'sub');
  for (const v of judgedValues(trust, 'sub')) {
    if (!v.pattern && hasWildcard({ text: v.text, pattern: true })) {
      report({ span: v.node.span, message: `${v.condition.operator} compares "${v.text}" literally: no service account is called that, so this value never matches. Use StringLike for a pattern, or name the service account.` });
      continue;
    }
    if (v.pattern && hasWildcard(v)) {
      const reach = wildcardReach(v.text, forms, 'namespace', 'service_account');
      if (reach) {
        report({
          span: v.node.span,
          message:
            reach.reach === 'tenant'
              ? `"${v.text}" admits service accounts of every namespace: whoever can create a service account or run a pod in any namespace of the cluster can assume this role. Name one: "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT".`
              : `"${v.text}" admits several service accounts of namespace "${reach.fixed.namespace}", not one: whoever can create a service account with a matching name there can assume this role. Name the service account.`,
        });
        continue;
      }
    }
    const problem = subjectProblem(v, forms);
    if (!problem) continue;
    const edit = problem.suggestion ? replaceStringValue(text, v.node, problem.suggestion) : undefined;
    report({
      span: v.node.span,
      message: `"${v.text}" is not a subject EKS issues (system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT), so no pod's token matches: ${problem.why}.`,
      fixes: edit ? [{ title: `Write "${problem.suggestion}"`, preferred: true, edits: [edit] }] : undefined,
    });
  }
}

function subjectProblem(v: JudgedValue, forms: ReturnType<typeof claimForms>): { why: string; suggestion?: string } | undefined {
  const text = v.ignoreCase ? v.text.toLowerCase() : v.text;
  if (!matchesSomeForm(text, forms, v.pattern)) {
    const plural = /^system:serviceaccounts:([^:]+:[^:]+)$/.exec(text);
    if (plural) return { why: 'the prefix is singular, "system:serviceaccount:"', suggestion: `system:serviceaccount:${plural[1]}` };
    const bare = /^([a-z0-9-]+)[:/]([a-z0-9.-]+)$/.exec(text);
    if (bare) return { why: 'the subject starts with "system:serviceaccount:"', suggestion: `system:serviceaccount:${bare[1]}:${bare[2]}` };
    return { why: 'it does not have that form' };
  }
  if (hasWildcard(v)) return undefined;
  const [, , namespace, name] = text.split(':');
  if (!NAMESPACE.test(namespace) || namespace.length > 63) return { why: `"${namespace}" is not a Kubernetes namespace name (lower-case letters, digits and "-", at most 63)` };
  if (!SERVICE_ACCOUNT.test(name) || name.length > 253) return { why: `"${name}" is not a Kubernetes service account name (lower-case letters, digits, "-" and ".")` };
  return undefined;
}

/** Judges `:aud`; true when a service account subject is written under it (then `:sub` is reported with it). */
function checkAudience({ source, text, report }: RuleContext, trust: FederatedTrust, provider: IdentityProvider): boolean {
  const key = claimKey(trust, 'aud');
  const audience = provider.audience!;
  let subjectUnderAud = false;
  for (const v of judgedValues(trust, 'aud')) {
    if (/^system:serviceaccounts?:/i.test(v.text)) {
      subjectUnderAud = true;
      const rename = requiringConditions(trust, 'sub').length === 0 ? moveToSubjectFix(text, trust, v, audience, isJson(source)) : undefined;
      report({
        span: v.condition.keySpan,
        message: `"${v.text}" is a service account subject written under "${v.condition.key}": IAM compares it with the token's audience ("${audience}"), so no token matches, and the service account is not checked at all. Write it under "${claimKey(trust, 'sub')}".`,
        fixes: rename,
      });
      continue;
    }
    if (v.pattern && matchesEverything(v.text)) {
      report({ span: v.node.span, message: `"${v.text}" matches every audience, so this condition restricts nothing. EKS issues service account tokens for "${audience}".` });
      continue;
    }
    if (patternMatches(v.text, audience, v.pattern && hasWildcard(v), v.ignoreCase)) continue;
    const edit = replaceStringValue(text, v.node, audience);
    report({
      span: v.node.span,
      message: `EKS issues service account tokens for AWS with the audience "${audience}", not "${v.text}", so no pod's token matches. Write "${audience}".`,
      fixes: edit ? [{ title: `Write "${audience}"`, preferred: true, edits: [edit] }] : undefined,
    });
  }
  if (claimConditions(trust, 'aud').length === 0 && requiringConditions(trust, 'sub').length > 0 && !conditionsUnreadable(trust.statement)) {
    const fix = isJson(source) ? addConditionFix(text, trust.statement, key, audience, `Add "${key}": "${audience}"`) : undefined;
    report({
      span: trust.principal.node.span,
      severity: 'hint',
      message: `Nothing checks "${key}". EKS issues service account tokens for "${audience}"; checking it keeps out tokens the cluster issues for other audiences.`,
      fixes: fix && [fix],
    });
  }
  return subjectUnderAud;
}

/**
 * Renames the `:aud` key to `:sub`; in JSON, also adds the audience the block then lacks, so the
 * statement ends up with both conditions.
 */
function moveToSubjectFix(text: string, trust: FederatedTrust, v: JudgedValue, audience: string, json: boolean): Fix[] {
  const sub = claimKey(trust, 'sub');
  const edits: TextEdit[] = [replaceWord(text, v.condition.keySpan, sub)];
  const block = operatorBlock(trust.statement, v.condition);
  if (json && block?.value?.kind === 'object' && claimConditions(trust, 'aud').length === 1) {
    edits.push(addJsonProperty(text, block.value, claimKey(trust, 'aud'), JSON.stringify(audience), 'last'));
  }
  return [{ title: `Move it under "${sub}"`, preferred: true, edits }];
}
