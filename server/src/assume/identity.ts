/**
 * Who the caller is, from sts:GetCallerIdentity. The kind decides how a trust policy can name
 * them and whether assuming a role from them is role chaining (aws-sts-iam-wire.md §6).
 */

export type CallerKind = 'user' | 'role-session' | 'root' | 'federated-user' | 'other';

export interface CallerIdentity {
  arn: string;
  account: string;
  userId: string;
  partition: string;
  kind: CallerKind;
  /** A short name for session-name templates: the user name, or the session name of a role session. */
  name: string;
  /** Role sessions: the role's name. */
  roleName?: string;
  /**
   * Role sessions: the role's IAM ARN. A session ARN carries no role path, so this is
   * `arn:…:role/NAME` unless the path was looked up (then `rolePathKnown`).
   */
  roleArn?: string;
  rolePathKnown?: boolean;
  sessionName?: string;
  /**
   * A session whose name is an EC2 instance id: instance-profile credentials. "AWS does not treat
   * using roles to grant permissions to applications that run on EC2 instances as role chaining"
   * (IAM User Guide, wire doc §6). Other service sessions (Lambda, CodeBuild, ECS) do count.
   */
  ec2InstanceProfile: boolean;
}

const EC2_INSTANCE_ID = /^i-[0-9a-f]{8}([0-9a-f]{9})?$/;

export function describeCaller(arn: string, account: string, userId: string): CallerIdentity {
  const partition = arn.split(':')[1] ?? 'aws';
  const base = { arn, account, userId, partition, ec2InstanceProfile: false };
  const resource = arn.split(':').slice(5).join(':');
  const session = /^assumed-role\/([^/]+)\/(.+)$/.exec(resource);
  if (arn.includes(':sts:') && session) {
    const [, roleName, sessionName] = session;
    return {
      ...base,
      kind: 'role-session',
      name: sessionName,
      roleName,
      sessionName,
      roleArn: `arn:${partition}:iam::${account}:role/${roleName}`,
      rolePathKnown: false,
      ec2InstanceProfile: EC2_INSTANCE_ID.test(sessionName),
    };
  }
  if (resource === 'root') return { ...base, kind: 'root', name: 'root' };
  const user = /^user\/(?:.*\/)?([^/]+)$/.exec(resource);
  if (arn.includes(':iam:') && user) return { ...base, kind: 'user', name: user[1] };
  const federated = /^federated-user\/(.+)$/.exec(resource);
  if (federated) return { ...base, kind: 'federated-user', name: federated[1] };
  return { ...base, kind: 'other', name: resource.split('/').pop() || 'caller' };
}

/** Whether assuming a role as this caller is role chaining (1-hour cap). */
export function isRoleChaining(caller: CallerIdentity): boolean {
  return caller.kind === 'role-session' && !caller.ec2InstanceProfile;
}
