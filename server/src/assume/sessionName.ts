/**
 * RoleSessionName: 2-64 characters of `[\w+=,.@-]` (aws-sts-iam-wire.md §1.1, §6). It appears in
 * the assumed-role ARN and in CloudTrail, so the default names who tested and when.
 */

export const DEFAULT_SESSION_NAME_TEMPLATE = 'iam-trust-{user}-{time}';

const ALLOWED = /^[\w+=,.@-]*$/;

export interface SessionNameValues {
  /** The caller's user name or session name. */
  user: string;
  account: string;
  /** The target role's name. */
  role: string;
  now: Date;
}

/** Why a session name would be refused, or undefined when STS accepts it. */
export function sessionNameProblem(name: string): string | undefined {
  if (name.length < 2 || name.length > 64) return `The session name "${name}" has ${name.length} characters; STS accepts 2 to 64.`;
  if (!ALLOWED.test(name)) {
    const bad = [...new Set(name.replace(/[\w+=,.@-]/g, ''))].map((c) => JSON.stringify(c)).join(', ');
    return `The session name "${name}" contains ${bad}; STS accepts only letters, digits and _+=,.@- (no spaces).`;
  }
  return undefined;
}

function sanitise(text: string): string {
  return text.replace(/[^\w+=,.@-]+/g, '-');
}

/** 20261125T093000Z: sortable, and free of characters STS refuses. */
function compactTime(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * Expands `{user}`, `{account}`, `{role}` and `{time}` and sanitises the result. When it is too
 * long the user part is shortened first, so the timestamp survives; too short is padded.
 */
export function sessionNameFromTemplate(template: string, values: SessionNameValues): string {
  const expand = (user: string) =>
    sanitise(
      template.replace(/\{(user|account|role|time)\}/g, (_, k: string) =>
        k === 'user' ? user : k === 'account' ? values.account : k === 'role' ? values.role : compactTime(values.now),
      ),
    );
  let user = sanitise(values.user);
  let name = expand(user);
  while (name.length > 64 && user.length > 1) {
    user = user.slice(0, Math.max(1, user.length - (name.length - 64)));
    name = expand(user);
  }
  name = name.slice(0, 64);
  return name.length >= 2 ? name : name.padEnd(2, '_');
}
