import { Rule } from './types';
import { AwsPrincipal, parseAwsPrincipal } from '../aws/principals';

/**
 * Trusting `role/X` trusts every session of X, so `assumed-role/X/...` next to it adds nothing
 * (trust-checks.md, C). Only within one statement: other statements may carry other conditions.
 */
function roleKey(p: AwsPrincipal): string {
  // IAM role names are unique ignoring case.
  return `${p.partition}|${p.account}|${(p.name ?? '').toLowerCase()}`;
}

export const rule: Rule = {
  id: 'principal-redundant-session',
  group: 'C',
  defaultSeverity: 'hint',
  description: 'Both `role/X` and `assumed-role/X/...` listed: the role already covers its sessions.',
  check({ policy, report }) {
    for (const s of policy.statements) {
      const aws = s.principals
        .filter((p) => p.type === 'AWS' && p.value !== undefined)
        .map((p) => ({ principal: p, parsed: parseAwsPrincipal(p.value as string) }));
      const roles = new Map(aws.filter((a) => a.parsed.kind === 'role').map((a) => [roleKey(a.parsed), a.principal.value]));
      for (const a of aws) {
        if (a.parsed.kind !== 'assumed-role') continue;
        const role = roles.get(roleKey(a.parsed));
        if (role === undefined) continue;
        report({
          span: a.principal.node.span,
          message: `This session of role ${a.parsed.name} is already covered by "${role}" in the same statement: trusting a role trusts all of its sessions. Remove this entry.`,
        });
      }
    }
  },
};
