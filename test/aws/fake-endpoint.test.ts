import * as assert from 'assert';
import * as http from 'http';
import {
  GetRoleCommand,
  ListRolesCommand,
  NoSuchEntityException,
  paginateListRoles,
  SimulatePrincipalPolicyCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { FakeAws } from '../fake-aws/server';
import { iam, KEYS, PRODUCTION, rejection, ROLES, startFake, sts, TOOLS, VENDOR } from './helpers';

/**
 * The local endpoint must behave like STS and IAM on the wire (aws-sts-iam-wire.md), or the
 * product's tests against it prove nothing. These drive it with the real SDK v3 clients.
 */
describe('fake AWS endpoint (wire behaviour)', () => {
  let fake: FakeAws;
  beforeEach(async () => {
    fake = await startFake();
  });
  afterEach(() => fake.close());

  async function assume(credentials: (typeof KEYS)[keyof typeof KEYS], input: { RoleArn: string; RoleSessionName?: string; DurationSeconds?: number; ExternalId?: string }) {
    const out = await sts(fake, credentials).send(new AssumeRoleCommand({ RoleSessionName: 'wire-test', ...input }));
    const c = out.Credentials!;
    return { out, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } };
  }

  it('tells a user who they are, and refuses unknown keys and bad signatures', async () => {
    const me = await sts(fake, KEYS.alice).send(new GetCallerIdentityCommand({}));
    assert.deepStrictEqual([me.Arn, me.Account, me.UserId], [`arn:aws:iam::${TOOLS}:user/alice`, TOOLS, 'AIDAZTOOLSALICE00001']);

    const unknown = await rejection(sts(fake, { accessKeyId: 'AKIAZNOBODY000000001', secretAccessKey: 'x'.repeat(40) }).send(new GetCallerIdentityCommand({})));
    assert.strictEqual(unknown.name, 'InvalidClientTokenId');
    assert.strictEqual(unknown.$metadata?.httpStatusCode, 403);

    const forged = await rejection(sts(fake, { ...KEYS.alice, secretAccessKey: 'wrong'.repeat(8) }).send(new GetCallerIdentityCommand({})));
    assert.strictEqual(forged.name, 'SignatureDoesNotMatch');
    assert.match(forged.message, /^The request signature we calculated does not match/);
  });

  it('issues ASIA credentials that work for later calls, and caps chained sessions at one hour', async () => {
    const { out, credentials } = await assume(KEYS.alice, { RoleArn: ROLES.ciRunner, RoleSessionName: 'alice-test' });
    assert.match(out.Credentials!.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
    assert.strictEqual(out.AssumedRoleUser!.Arn, `arn:aws:sts::${TOOLS}:assumed-role/ci-runner/alice-test`);
    assert.strictEqual(out.AssumedRoleUser!.AssumedRoleId, 'AROAZTOOLSCIRUNNER01:alice-test');
    const expiresIn = out.Credentials!.Expiration!.getTime() - Date.now();
    assert.ok(expiresIn > 3500_000 && expiresIn <= 3600_000, `expires in ${expiresIn} ms`);

    const me = await sts(fake, credentials).send(new GetCallerIdentityCommand({}));
    assert.strictEqual(me.Arn, `arn:aws:sts::${TOOLS}:assumed-role/ci-runner/alice-test`);
    assert.strictEqual(me.UserId, 'AROAZTOOLSCIRUNNER01:alice-test');

    const tooLong = await rejection(sts(fake, credentials).send(new AssumeRoleCommand({ RoleArn: ROLES.prodReadonly, RoleSessionName: 'chain', DurationSeconds: 7200 })));
    assert.strictEqual(tooLong.name, 'ValidationError');
    assert.strictEqual(tooLong.message, 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    const chained = await sts(fake, credentials).send(new AssumeRoleCommand({ RoleArn: ROLES.prodDeploy, RoleSessionName: 'chain', DurationSeconds: 3600 }));
    assert.strictEqual(chained.AssumedRoleUser!.Arn, `arn:aws:sts::${PRODUCTION}:assumed-role/prod-deploy/chain`);
  });

  it('does not count an EC2 instance-profile session as role chaining', async () => {
    const out = await sts(fake, KEYS.ec2).send(new AssumeRoleCommand({ RoleArn: ROLES.prodReadonly, RoleSessionName: 'builder', DurationSeconds: 7200 }));
    assert.ok(out.Credentials!.Expiration!.getTime() - Date.now() > 7100_000);
  });

  it('denies with the real AccessDenied text: not trusted, missing role, explicit deny, own policies, ExternalId', async () => {
    const expectDenied = async (credentials: (typeof KEYS)[keyof typeof KEYS], caller: string, roleArn: string, externalId?: string) => {
      const e = await rejection(assume(credentials, { RoleArn: roleArn, ExternalId: externalId }));
      assert.strictEqual(e.name, 'AccessDenied');
      assert.strictEqual(e.$metadata?.httpStatusCode, 403);
      assert.strictEqual(e.message, `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
    };
    const alice = `arn:aws:iam::${TOOLS}:user/alice`;
    await expectDenied(KEYS.alice, alice, ROLES.prodDeploy);
    await expectDenied(KEYS.alice, alice, `arn:aws:iam::${PRODUCTION}:role/no-such-role`);
    await expectDenied(KEYS.alice, alice, ROLES.prodGuarded);
    await expectDenied(KEYS.bob, `arn:aws:iam::${TOOLS}:user/bob`, ROLES.prodReadonly);
    const vendor = `arn:aws:iam::${VENDOR}:user/vendor-bot`;
    await expectDenied(KEYS.vendor, vendor, ROLES.vendorAudit);
    await expectDenied(KEYS.vendor, vendor, ROLES.vendorAudit, 'vendor-wrong');
    await assume(KEYS.vendor, { RoleArn: ROLES.vendorAudit, ExternalId: 'vendor-7f3a9c2e' });
  });

  it('checks MFA when the trust policy requires it', async () => {
    await rejection(assume(KEYS.alice, { RoleArn: ROLES.mfaAdmin }));
    const client = sts(fake, KEYS.alice);
    const wrong = await rejection(
      client.send(new AssumeRoleCommand({ RoleArn: ROLES.mfaAdmin, RoleSessionName: 'mfa', SerialNumber: `arn:aws:iam::${TOOLS}:mfa/alice`, TokenCode: '000000' })),
    );
    assert.strictEqual(wrong.message, 'MultiFactorAuthentication failed with invalid MFA one time pass code.');
    await client.send(new AssumeRoleCommand({ RoleArn: ROLES.mfaAdmin, RoleSessionName: 'mfa', SerialNumber: `arn:aws:iam::${TOOLS}:mfa/alice`, TokenCode: '123456' }));
  });

  it('validates durations and session names with the service wording', async () => {
    const overMax = await rejection(assume(KEYS.alice, { RoleArn: ROLES.deploy, DurationSeconds: 10800 }));
    assert.strictEqual(overMax.message, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    const overLimit = await rejection(assume(KEYS.alice, { RoleArn: ROLES.deploy, DurationSeconds: 86400 }));
    assert.strictEqual(
      overLimit.message,
      "1 validation error detected: Value '86400' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
    const badName = await rejection(assume(KEYS.alice, { RoleArn: ROLES.deploy, RoleSessionName: 'PowerUser/hjacobs' }));
    assert.strictEqual(badName.name, 'ValidationError');
    assert.strictEqual(
      badName.message,
      "1 validation error detected: Value 'PowerUser/hjacobs' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
    const two = await rejection(assume(KEYS.alice, { RoleArn: ROLES.deploy, RoleSessionName: 'x', DurationSeconds: 100 }));
    assert.match(two.message, /^2 validation errors detected: .*'roleSessionName'.*length greater than or equal to 2; .*'durationSeconds'.*greater than or equal to 900$/);
  });

  it('answers ExpiredToken for expired session credentials, and once issued credentials expire', async () => {
    const e = await rejection(sts(fake, KEYS.expired).send(new GetCallerIdentityCommand({})));
    assert.strictEqual(e.name, 'ExpiredToken');
    assert.strictEqual(e.$metadata?.httpStatusCode, 403);
    assert.strictEqual(e.message, 'The security token included in the request is expired');

    const { credentials } = await assume(KEYS.alice, { RoleArn: ROLES.deploy, DurationSeconds: 900 });
    fake.state.clockOffsetMs = 901_000;
    assert.strictEqual((await rejection(sts(fake, credentials).send(new GetCallerIdentityCommand({})))).name, 'ExpiredToken');
  });

  it('returns GetRole with the trust policy URL-encoded as submitted, and AccessDenied where identity policy denies', async () => {
    // The SDK hands the document over still URL-encoded: callers must decode it (wire doc §2.1).
    const raw = (await iam(fake, KEYS.alice).send(new GetRoleCommand({ RoleName: 'deploy' }))).Role!.AssumeRolePolicyDocument!;
    assert.match(raw, /^%7B%0A%20%20%22Version%22%3A%20%222012-10-17%22/);
    assert.ok(raw.includes('arn%3Aaws%3Aiam%3A%3A210987654321%3Auser%2Falice'), raw);
    const role = (await iam(fake, KEYS.alice).send(new GetRoleCommand({ RoleName: 'deploy' }))).Role!;
    assert.strictEqual(role.MaxSessionDuration, 7200);
    assert.strictEqual(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)).Statement[0].Sid, 'Alice');

    const denied = await rejection(iam(fake, KEYS.carol).send(new GetRoleCommand({ RoleName: 'release' })));
    assert.strictEqual(denied.name, 'AccessDenied');
    assert.strictEqual(
      denied.message,
      `User: arn:aws:iam::${TOOLS}:user/carol is not authorized to perform: iam:GetRole on resource: role release with an explicit deny in an identity-based policy`,
    );
    const missing = await rejection(iam(fake, KEYS.alice).send(new GetRoleCommand({ RoleName: 'nope' })));
    assert.ok(missing instanceof NoSuchEntityException);
    assert.strictEqual(missing.message, 'The role with name nope cannot be found.');
    assert.strictEqual(missing.$metadata?.httpStatusCode, 404);
  });

  it('pages ListRoles with Marker/IsTruncated, fewer than MaxItems per page, only the caller account', async () => {
    const first = await iam(fake, KEYS.alice).send(new ListRolesCommand({ MaxItems: 100 }));
    assert.strictEqual(first.Roles!.length, 3);
    assert.strictEqual(first.IsTruncated, true);
    assert.ok(first.Marker);
    assert.strictEqual(first.Roles![0].RoleLastUsed, undefined);
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListRoles({ client: iam(fake, KEYS.alice) }, {})) {
      pages++;
      names.push(...page.Roles!.map((r) => r.RoleName!));
    }
    assert.strictEqual(pages, 3);
    assert.deepStrictEqual(names.sort(), [
      'AWSReservedSSO_Admin_0123456789abcdef',
      'automation',
      'ci-runner',
      'deploy',
      'deploy-copy',
      'ec2-builder',
      'lambda-reports',
      'mfa-admin',
      'release',
    ]);
  });

  it('updates trust policies in the order NoSuchEntity, MalformedPolicyDocument, LimitExceeded', async () => {
    const client = iam(fake, KEYS.alice);
    const send = (RoleName: string, PolicyDocument: string) => client.send(new UpdateAssumeRolePolicyCommand({ RoleName, PolicyDocument }));
    const good = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TOOLS}:user/bob` }, Action: 'sts:AssumeRole' }],
    });
    assert.strictEqual((await rejection(send('nope', '{'))).name, 'NoSuchEntityException');
    const malformed = await rejection(send('deploy', good.replace('"Action"', '"Resource":"*","Action"')));
    assert.strictEqual(malformed.name, 'MalformedPolicyDocumentException');
    assert.strictEqual(malformed.message, 'Has prohibited field Resource');
    const ghost = await rejection(send('deploy', good.replace('user/bob', 'user/ghost')));
    assert.strictEqual(ghost.message, `Invalid principal in policy: "AWS":"arn:aws:iam::${TOOLS}:user/ghost"`);
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: Array.from({ length: 30 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TOOLS}:user/alice` }, Action: 'sts:AssumeRole' })),
    });
    const limit = await rejection(send('deploy', big));
    assert.strictEqual(limit.name, 'LimitExceededException');
    assert.strictEqual(limit.$metadata?.httpStatusCode, 409);
    assert.strictEqual(limit.message, 'Cannot exceed quota for ACLSizePerRole: 2048');
    const sso = await rejection(send('AWSReservedSSO_Admin_0123456789abcdef', good));
    assert.strictEqual(sso.name, 'UnmodifiableEntityException');

    await send('deploy', good);
    const role = (await client.send(new GetRoleCommand({ RoleName: 'deploy' }))).Role!;
    assert.strictEqual(decodeURIComponent(role.AssumeRolePolicyDocument!), good);
    await sts(fake, KEYS.bob).send(new AssumeRoleCommand({ RoleArn: ROLES.deploy, RoleSessionName: 'bob-now-trusted' }));
  });

  it('updates MaxSessionDuration within 3600-43200 and simulates principal policies', async () => {
    const client = iam(fake, KEYS.alice);
    const out = await rejection(client.send(new UpdateRoleCommand({ RoleName: 'deploy', MaxSessionDuration: 100000 })));
    assert.strictEqual(
      out.message,
      "1 validation error detected: Value '100000' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
    await client.send(new UpdateRoleCommand({ RoleName: 'deploy', MaxSessionDuration: 14400 }));
    assert.strictEqual((await client.send(new GetRoleCommand({ RoleName: 'deploy' }))).Role!.MaxSessionDuration, 14400);

    const sim = await iam(fake, KEYS.bob).send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${TOOLS}:user/bob`, ActionNames: ['sts:AssumeRole'], ResourceArns: [ROLES.prodReadonly] }),
    );
    assert.strictEqual(sim.EvaluationResults![0].EvalDecision, 'implicitDeny');
    const simAlice = await client.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${TOOLS}:user/alice`, ActionNames: ['sts:AssumeRole'], ResourceArns: [ROLES.prodReadonly] }),
    );
    assert.strictEqual(simAlice.EvaluationResults![0].EvalDecision, 'allowed');
  });

  it('speaks the XML envelope: namespace, text/xml, request id, missing authentication', async () => {
    const { status, headers, body } = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request(fake.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end('Action=GetCallerIdentity&Version=2011-06-15');
    });
    assert.strictEqual(status, 403);
    assert.strictEqual(headers['content-type'], 'text/xml');
    assert.match(String(headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
    assert.match(
      body,
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>Request is missing Authentication Token<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });
});
