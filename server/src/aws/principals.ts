/**
 * What an `AWS` principal value means. Facts from ../shared/trust-checks.md ("Limits worth
 * knowing"): a 12-digit id and `arn:<p>:iam::<id>:root` both mean the whole account; IAM shows a
 * deleted principal as its unique id (AROA.../AIDA...).
 */

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

export type AwsPrincipalKind =
  | 'wildcard'
  | 'account'
  | 'user'
  | 'role'
  | 'assumed-role'
  | 'federated-user'
  | 'unique-id'
  | 'invalid';

export interface AwsPrincipal {
  kind: AwsPrincipalKind;
  /** The 12-digit account, when the value names one. */
  account?: string;
  partition?: string;
  /** Role or user name without path; the role of an assumed-role session. */
  name?: string;
  /** For `invalid`: why, in words. */
  problem?: string;
}

const ACCOUNT = /^\d{12}$/;

export function parseAwsPrincipal(value: string): AwsPrincipal {
  if (value === '*') return { kind: 'wildcard' };
  if (ACCOUNT.test(value)) return { kind: 'account', account: value };
  if (/^(AROA|AIDA)[A-Z0-9]{12,}$/.test(value)) return { kind: 'unique-id' };
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    return { kind: 'invalid', problem: 'it is neither a 12-digit account id nor an IAM ARN' };
  }
  const [, partition, service, region, account] = parts;
  const resource = parts.slice(5).join(':');
  if (!PARTITIONS.includes(partition)) {
    return { kind: 'invalid', partition, problem: `"${partition}" is not an AWS partition (${PARTITIONS.join(', ')})` };
  }
  if (region !== '') return { kind: 'invalid', partition, problem: 'IAM and STS ARNs have no region: the fourth field must be empty' };
  if (!ACCOUNT.test(account)) return { kind: 'invalid', partition, problem: `"${account}" is not a 12-digit account id` };
  const base = { partition, account };
  if (service === 'iam') {
    if (resource === 'root') return { kind: 'account', ...base };
    const m = /^(user|role)\/(?:[^/]+\/)*([^/]+)$/.exec(resource);
    if (m) return { kind: m[1] as 'user' | 'role', ...base, name: m[2] };
    if (resource.startsWith('group/')) return { kind: 'invalid', ...base, problem: 'an IAM group cannot be a principal; name its users or, better, a role' };
    return { kind: 'invalid', ...base, problem: `"${resource}" is not root, user/NAME or role/NAME` };
  }
  if (service === 'sts') {
    const a = /^assumed-role\/([^/]+)\/([^/]+)$/.exec(resource);
    if (a) return { kind: 'assumed-role', ...base, name: a[1] };
    if (/^federated-user\/[^/]+$/.test(resource)) return { kind: 'federated-user', ...base };
    return { kind: 'invalid', ...base, problem: `"${resource}" is not assumed-role/ROLE/SESSION or federated-user/NAME` };
  }
  return { kind: 'invalid', ...base, problem: `principals are iam or sts ARNs, not ${service}` };
}
