import { Rule } from './types';
import { Statement, TrustPolicy } from '../model/policy';
import { parseAwsPrincipal, parseFederatedPrincipal } from '../aws/principals';
import { conditionIsUnknown, conditionsWithKey } from '../model/zoneOfTrust';
import { LiteralPrincipal, literalPrincipals } from './trustPrincipals';

/**
 * A role people assume with nothing that records who they are (trust-checks.md, "Session names
 * and audit"). IAM User Guide, "Monitor and control actions taken with assumed roles" (source
 * identity) and the sts:RoleSessionName key: CloudTrail shows a role's actions under its session
 * name, which the caller chooses unless the trust policy constrains it.
 */
const AUDIT_KEYS = ['sts:RoleSessionName', 'sts:SourceIdentity'];

/** Whether the statement's own conditions constrain the session name or source identity, or may. */
function constrainsItself(statement: Statement): boolean {
  return conditionIsUnknown(statement) || conditionsWithKey(statement, ...AUDIT_KEYS).length > 0;
}

/**
 * Whether a statement that is not an Allow constrains them for every statement (a Deny that
 * refuses other names counts). Asked once per policy: the Allow statements being judged are never
 * among these, so the answer is the same for each of them.
 */
function constrainedByOthers(policy: TrustPolicy): boolean {
  return policy.statements.some((s) => s.effect !== 'Allow' && constrainsItself(s));
}

function personMessage(p: LiteralPrincipal): string | undefined {
  if (p.type === 'AWS') {
    const parsed = parseAwsPrincipal(p.value);
    if (parsed.kind !== 'user' || parsed.wildcard) return undefined;
    return `IAM user ${parsed.name} picks any session name when assuming this role, and CloudTrail records the role's actions under that name: nothing ties them to the person. Require "StringEquals": {"sts:RoleSessionName": "\${aws:username}"}, or a source identity with sts:SourceIdentity (and allow sts:SetSourceIdentity).`;
  }
  if (p.type === 'Federated') {
    const parsed = parseFederatedPrincipal(p.value);
    if (parsed.kind !== 'saml') return undefined;
    return `People who sign in through SAML provider ${parsed.name} get sessions named by whatever your IdP sends, and nothing here checks it; once they switch to another role, CloudTrail loses who they were. Require a source identity, for example "StringLike": {"sts:SourceIdentity": "*@<your domain>"}, set by your IdP's SourceIdentity attribute (and allow sts:SetSourceIdentity).`;
  }
  return undefined;
}

export const rule: Rule = {
  id: 'session-name-unconstrained',
  group: 'H',
  defaultSeverity: 'hint',
  description: 'A role assumed by people (IAM users, SAML) with no `sts:RoleSessionName` / `sts:SourceIdentity` condition: CloudTrail cannot tell who did what.',
  check({ policy, report }) {
    if (constrainedByOthers(policy)) return;
    for (const statement of policy.statements) {
      if (statement.effect !== 'Allow' || constrainsItself(statement)) continue;
      for (const p of literalPrincipals(statement)) {
        const message = personMessage(p);
        if (message) report({ span: p.node.span, message });
      }
    }
  },
};
