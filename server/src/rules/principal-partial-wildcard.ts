import { Rule } from './types';
import { parseAwsPrincipal, splitArn } from '../aws/principals';
import { hasPartialWildcard, literalPrincipals, replaceStringValue } from './trustPrincipals';

/**
 * A `*` or `?` inside a principal (trust-checks.md, B): IAM matches principals exactly and allows
 * only the whole value `*`, so `role/dev-*` names no role and IAM rejects the policy as having an
 * invalid principal. Patterns belong in a condition on aws:PrincipalArn, which does match them.
 * principal-arn-invalid, service-principal-unknown and federated-principal-invalid leave these
 * values alone: one finding per value.
 */

const EXACT = 'IAM accepts no wildcard inside a principal, only the whole value "*", and rejects this one with "Invalid principal in policy".';

function awsAdvice(value: string): { advice: string; replacement?: { value: string; title: string } } {
  const parsed = parseAwsPrincipal(value);
  const arn = splitArn(value);
  const partition = arn?.partition ?? 'aws';
  if (!parsed.account) {
    return {
      advice:
        'To trust principals of several accounts, write {"AWS": "*"} with a condition that names them, such as ' +
        '"StringEquals": {"aws:PrincipalOrgID": "o-..."} (your organization) or {"aws:PrincipalAccount": [...]}.',
    };
  }
  const roleOfSession = arn && /^assumed-role\/([^/*?]+)\/[^/]*$/.exec(arn.resource);
  if (parsed.kind === 'assumed-role' && roleOfSession) {
    const role = `arn:${partition}:iam::${parsed.account}:role/${roleOfSession[1]}`;
    return {
      advice: `Trusting the role trusts all of its sessions: write "${role}" (with the role's path, if it has one), or keep the account and match sessions with "ArnLike": {"aws:PrincipalArn": "${value}"}.`,
      replacement: { value: role, title: `Trust role ${roleOfSession[1]} (every session)` },
    };
  }
  return {
    advice:
      `To trust every principal that matches the pattern, trust the account ("arn:${partition}:iam::${parsed.account}:root") ` +
      `and add "Condition": {"ArnLike": {"aws:PrincipalArn": "${value}"}}.`,
  };
}

export const rule: Rule = {
  id: 'principal-partial-wildcard',
  group: 'B',
  defaultSeverity: 'error',
  description: '`*` or `?` inside a principal ARN or name; IAM allows only the whole value `*`.',
  check({ policy, text, report }) {
    for (const statement of policy.statements) {
      for (const p of literalPrincipals(statement)) {
        if (!hasPartialWildcard(p.value)) continue;
        if (p.type === 'AWS') {
          const { advice, replacement } = awsAdvice(p.value);
          const edit = replacement && replaceStringValue(text, p.node, replacement.value);
          report({
            span: p.node.span,
            message: `"${p.value}" is a pattern, not a principal. ${EXACT} ${advice}`,
            fixes: edit && replacement ? [{ title: replacement.title, edits: [edit] }] : undefined,
          });
        } else if (p.type === 'Service') {
          report({ span: p.node.span, message: `"${p.value}" is a pattern, not a service principal. ${EXACT} Name each service, e.g. ["lambda.amazonaws.com", "states.amazonaws.com"].` });
        } else if (p.type === 'Federated') {
          report({ span: p.node.span, message: `"${p.value}" is a pattern, not an identity provider. ${EXACT} Name the provider's ARN, e.g. "arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com".` });
        }
      }
    }
  },
};
