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

/** Whether any statement constrains the session name or source identity (a Deny that refuses other names counts). */
function constrained(policy: TrustPolicy, statement: Statement): boolean {
  if (conditionIsUnknown(statement) || conditionsWithKey(statement, ...AUDIT_KEYS).length > 0) return true;
  return policy.statements.some((s) => s !== statement && s.effect !== 'Allow' && (conditionIsUnknown(s) || conditionsWithKey(s, ...AUDIT_KEYS).length > 0));
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
    for (const statement of policy.statements) {
      if (statement.effect !== 'Allow' || constrained(policy, statement)) continue;
      for (const p of literalPrincipals(statement)) {
        const message = personMessage(p);
        if (message) report({ span: p.node.span, message });
      }
    }
  },
};
