import { randomBytes } from 'crypto';
import { FixtureFile, FixtureRole, policyText } from './fixture';

/** The fake's world: accounts, users, roles and the credentials it knows (fixture + issued). */

export interface RoleState {
  arn: string;
  account: string;
  name: string;
  path: string;
  roleId: string;
  /** As submitted: GetRole returns this text URL-encoded. */
  trustPolicy: string;
  maxSessionDuration: number;
  description?: string;
  policies: unknown[];
  unmodifiable: boolean;
  createDate: Date;
  lastUsed?: { date: Date; region: string };
}

export interface UserState {
  arn: string;
  account: string;
  name: string;
  path: string;
  userId: string;
  mfa?: { serial: string; code: string };
  policies: unknown[];
}

export interface SessionState {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  role: RoleState;
  sessionName: string;
  ec2: boolean;
  mfa: boolean;
  sourceIdentity?: string;
}

/** Who signed a request. */
export type Caller =
  | { kind: 'user'; arn: string; account: string; userId: string; user: UserState }
  | { kind: 'session'; arn: string; account: string; userId: string; session: SessionState };

interface KeyEntry {
  secret: string;
  user?: UserState;
  session?: SessionState;
}

function parsePathAndName(arn: string, kind: 'role' | 'user'): { account: string; path: string; name: string } {
  const m = new RegExp(`^arn:aws:iam::(\\d{12}):${kind}(/(?:[^/]+/)*)([^/]+)$`).exec(arn);
  if (!m) throw new Error(`fixture: "${arn}" is not an IAM ${kind} ARN`);
  return { account: m[1], path: m[2], name: m[3] };
}

function parsePolicies(policies: unknown[] | undefined): unknown[] {
  return (policies ?? []).map((p) => (typeof p === 'string' ? JSON.parse(p) : p));
}

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = 0; out.length < length; i++) out += ALPHANUM[bytes[i] % ALPHANUM.length];
  return out;
}

export class FakeAwsState {
  readonly accounts: FixtureFile['accounts'];
  readonly roles: RoleState[] = [];
  readonly users: UserState[] = [];
  private readonly keys = new Map<string, KeyEntry>();
  /** Sessions issued by AssumeRole, so tests can check that no secret of theirs was printed. */
  readonly issued: SessionState[] = [];
  readonly listRolesPageLimit: number;
  readonly trustPolicyQuota: number;
  /** Added to the real clock for expiry decisions, so a test can let issued credentials expire. */
  clockOffsetMs = 0;

  constructor(fixture: FixtureFile) {
    this.accounts = fixture.accounts;
    this.listRolesPageLimit = fixture.listRolesPageLimit ?? 1000;
    this.trustPolicyQuota = fixture.trustPolicyQuota ?? 2048;
    for (const r of fixture.roles) this.roles.push(this.roleFrom(r));
    for (const u of fixture.users) {
      const { account, path, name } = parsePathAndName(u.arn, 'user');
      const user: UserState = { arn: u.arn, account, path, name, userId: u.userId, mfa: u.mfa, policies: parsePolicies(u.policies) };
      this.users.push(user);
      for (const k of u.accessKeys) this.keys.set(k.id, { secret: k.secret, user });
    }
    for (const s of fixture.sessions ?? []) {
      const role = this.roles.find((r) => r.arn === s.roleArn);
      if (!role) throw new Error(`fixture: session for unknown role ${s.roleArn}`);
      const session: SessionState = {
        accessKeyId: s.accessKeyId,
        secretAccessKey: s.secretAccessKey,
        sessionToken: s.sessionToken,
        expiration: new Date(s.expiration),
        role,
        sessionName: s.sessionName,
        ec2: s.ec2 === true,
        mfa: false,
      };
      this.keys.set(s.accessKeyId, { secret: s.secretAccessKey, session });
    }
  }

  private roleFrom(r: FixtureRole): RoleState {
    const { account, path, name } = parsePathAndName(r.arn, 'role');
    return {
      arn: r.arn,
      account,
      name,
      path,
      roleId: r.roleId,
      trustPolicy: policyText(r.trustPolicy),
      maxSessionDuration: r.maxSessionDuration ?? 3600,
      description: r.description,
      policies: parsePolicies(r.policies),
      unmodifiable: r.unmodifiable === true,
      createDate: new Date('2024-03-01T09:30:00Z'),
    };
  }

  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  key(accessKeyId: string): KeyEntry | undefined {
    return this.keys.get(accessKeyId);
  }

  callerOf(entry: KeyEntry): Caller {
    if (entry.user) return { kind: 'user', arn: entry.user.arn, account: entry.user.account, userId: entry.user.userId, user: entry.user };
    const s = entry.session!;
    return {
      kind: 'session',
      arn: `arn:aws:sts::${s.role.account}:assumed-role/${s.role.name}/${s.sessionName}`,
      account: s.role.account,
      userId: `${s.role.roleId}:${s.sessionName}`,
      session: s,
    };
  }

  /** The identity policies that apply to a caller: a session has its role's. */
  identityPolicies(caller: Caller): unknown[] {
    return caller.kind === 'user' ? caller.user.policies : caller.session.role.policies;
  }

  roleByArn(arn: string): RoleState | undefined {
    return this.roles.find((r) => r.arn === arn);
  }

  /** IAM role names are unique per account, case-insensitively. */
  roleByName(account: string, name: string): RoleState | undefined {
    return this.roles.find((r) => r.account === account && r.name.toLowerCase() === name.toLowerCase());
  }

  /** Whether a principal ARN names something that exists, for "Invalid principal in policy". */
  principalExists(arn: string): boolean {
    const m = /^arn:aws:iam::(\d{12}):(user|role)\/(?:[^/]+\/)*([^/]+)$/.exec(arn);
    if (!m) return true;
    // Accounts outside the fixture are someone else's: assume their principals exist.
    if (!(m[1] in this.accounts)) return true;
    const pool = m[2] === 'role' ? this.roles : this.users;
    return pool.some((p) => p.arn === arn);
  }

  issueSession(role: RoleState, sessionName: string, durationSeconds: number, mfa: boolean, sourceIdentity?: string): SessionState {
    const session: SessionState = {
      accessKeyId: randomId('ASIA', 20),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: 'IQoJb3JpZ2luX2VjE' + randomBytes(180).toString('base64'),
      expiration: new Date(this.now().getTime() + durationSeconds * 1000),
      role,
      sessionName,
      ec2: false,
      mfa,
      sourceIdentity,
    };
    this.keys.set(session.accessKeyId, { secret: session.secretAccessKey, session });
    this.issued.push(session);
    return session;
  }
}
