import { Node } from '../model/ast';
import { buildTrustPolicy } from '../model/policy';

/**
 * A document is a trust policy by content when its statements carry a Principal and only `sts:`
 * actions, and none has a Resource (trust-checks.md: resource policies have Resource; identity
 * policies have no Principal).
 */
export function looksLikeTrustPolicyTree(root: Node | undefined): boolean {
  const policy = root && buildTrustPolicy(root);
  if (!policy || policy.statements.length === 0) return false;
  let sawSts = false;
  for (const s of policy.statements) {
    if (s.resourceProperty || s.notResourceProperty) return false;
    if (!s.principalProperty && !s.notPrincipalProperty) return false;
    for (const a of s.actions) {
      if (a.value === undefined) continue;
      if (/^sts:/i.test(a.value)) sawSts = true;
    }
  }
  return sawSts;
}
