import { parseAwsPrincipal } from '../aws/principals';
import { Rule } from './types';
import { allowedPrincipals, describeSeconds, durationKey, MAX_MAX_SESSION_SECONDS, ROLE_CHAINING_CAP_SECONDS, rolesOf, secondsOf, setSeconds } from './sessionDuration';

/**
 * Role chaining (IAM User Guide, id_roles_terms-and-concepts; ../shared/aws-sts-iam-wire.md §6):
 * a role session that assumes another role gets at most one hour, and asking for more fails.
 * When every principal this role trusts is a role or a role session, every session of it is
 * chained (except for callers on EC2 instance-profile credentials, which AWS does not count as
 * chaining), so a MaxSessionDuration above an hour promises what no caller can get.
 */
export const rule: Rule = {
  id: 'role-chaining-cap',
  group: 'D',
  defaultSeverity: 'warning',
  description: 'MaxSessionDuration above one hour while every trusted principal is a role: chained sessions are capped at one hour.',
  check({ source, policy, report }) {
    const { principals, incomplete } = allowedPrincipals(policy);
    if (incomplete || principals.length === 0) return;
    const onlyRoles = principals.every((p) => {
      if (p.type !== 'AWS' || p.value === undefined) return false;
      const kind = parseAwsPrincipal(p.value).kind;
      return kind === 'role' || kind === 'assumed-role';
    });
    if (!onlyRoles) return;
    for (const role of rolesOf(source)) {
      const node = role.maxSessionDuration;
      const seconds = secondsOf(node);
      if (!node || seconds === undefined || seconds <= ROLE_CHAINING_CAP_SECONDS || seconds > MAX_MAX_SESSION_SECONDS) continue;
      const key = durationKey(role);
      report({
        span: node.span,
        message:
          `${key} allows ${describeSeconds(seconds)}, but every principal trusted here is an IAM role, so callers assume this role from a role session: ` +
          `role chaining caps the session at 1 hour and a DurationSeconds above ${ROLE_CHAINING_CAP_SECONDS} fails. ` +
          `Lower it to ${ROLE_CHAINING_CAP_SECONDS}, unless the callers run on EC2 instance-profile credentials (not counted as chaining).`,
        fixes: [{ title: `Set ${key} to ${ROLE_CHAINING_CAP_SECONDS}`, edits: [setSeconds(node, ROLE_CHAINING_CAP_SECONDS)] }],
      });
    }
  },
};
