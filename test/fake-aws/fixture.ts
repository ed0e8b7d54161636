import * as fs from 'fs';

/**
 * The shape of a fake-AWS fixture file: the accounts, the IAM users with their access keys, the
 * roles with their trust policies, and credentials issued before the endpoint started (an expired
 * session, an EC2 instance-profile session). Policies may be written as JSON objects or as text;
 * text is kept byte for byte, as IAM keeps a document "as submitted" (aws-sts-iam-wire.md §2.1).
 */
export interface FixtureFile {
  accounts: Record<string, { alias?: string; orgId?: string }>;
  users: FixtureUser[];
  roles: FixtureRole[];
  sessions?: FixtureSession[];
  /**
   * IAM "might return fewer than the MaxItems number of results even when there are more"
   * (wire doc §2.2): pages of ListRoles are cut at this size, so clients must follow IsTruncated.
   */
  listRolesPageLimit?: number;
  /** ACLSizePerRole: 2,048 characters unless the account got an increase (wire doc §2.3). */
  trustPolicyQuota?: number;
}

export type PolicyText = string | Record<string, unknown>;

export interface FixtureUser {
  arn: string;
  /** The AIDA... unique id that GetCallerIdentity returns as UserId. */
  userId: string;
  accessKeys: { id: string; secret: string }[];
  /** A virtual MFA device whose one-time code is fixed, so tests can answer it. */
  mfa?: { serial: string; code: string };
  /** Identity policies (inline and attached, merged). */
  policies?: PolicyText[];
}

export interface FixtureRole {
  arn: string;
  roleId: string;
  trustPolicy: PolicyText;
  maxSessionDuration?: number;
  description?: string;
  policies?: PolicyText[];
  /** IAM Identity Center and service-linked roles answer UnmodifiableEntity to changes. */
  unmodifiable?: boolean;
}

export interface FixtureSession {
  roleArn: string;
  sessionName: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  /** Issued to an EC2 instance profile: assuming a role from it is not role chaining (wire doc §6). */
  ec2?: boolean;
}

export function policyText(policy: PolicyText): string {
  return typeof policy === 'string' ? policy : JSON.stringify(policy);
}

export function loadFixture(file: string): FixtureFile {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as FixtureFile;
  if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.users) || !Array.isArray(parsed.roles)) {
    throw new Error(`${file}: a fake-AWS fixture needs "accounts", "users" and "roles"`);
  }
  return parsed;
}
