import * as assert from 'assert';
import * as http from 'http';
import { AddressInfo } from 'net';
import { inspect } from 'util';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { AssumeFailure, assumeRoleFlow, AssumeInput, AssumeOutcome, AssumeSuccess, AwsConnectionOptions, Prompter } from '../../server/src/assume';
import { FakeAws } from '../fake-aws/server';
import { KEYS, policyFile, PRODUCTION, ROLES, startFake, sts, TOOLS, VENDOR } from './helpers';
import { ScriptedPrompter } from './scriptedPrompter';

/**
 * The assume flow end to end: real SDK v3 clients over HTTP to the local STS/IAM endpoint,
 * answering the flow's questions the way a user would.
 */
describe('assume flow against the local STS/IAM endpoint', () => {
  let fake: FakeAws;
  beforeEach(async () => {
    fake = await startFake();
  });
  afterEach(() => fake.close());

  type Credentials = AwsConnectionOptions['credentials'];

  function connection(credentials: Credentials): AwsConnectionOptions {
    return { region: 'eu-west-1', credentials, endpoints: { sts: fake.url, iam: fake.url }, env: {} };
  }

  /** The deployed trust policy of a fixture role, formatted the way a user keeps it in a file. */
  function deployedFile(roleArn: string): string {
    return JSON.stringify(JSON.parse(fake.state.roleByArn(roleArn)!.trustPolicy), null, 2) + '\n';
  }

  function run(credentials: Credentials, input: Partial<AssumeInput> & { text: string }, prompter: Prompter = new ScriptedPrompter(), signal?: AbortSignal) {
    return assumeRoleFlow({ filePath: 'trust.json', ...input }, { connection: connection(credentials), prompter, signal });
  }

  function assumeCalls(): number {
    return fake.requests.filter((r) => r.action === 'AssumeRole').length;
  }

  function expectKind<K extends AssumeOutcome['kind']>(outcome: AssumeOutcome, kind: K): K extends 'assumed' ? AssumeSuccess : AssumeFailure {
    assert.strictEqual(outcome.kind, kind, `expected ${kind}, got ${outcome.kind}: ${'message' in outcome ? outcome.message : ''}`);
    return outcome as K extends 'assumed' ? AssumeSuccess : AssumeFailure;
  }

  it('assumes a role in the same account, proves the credentials and names the statement that let the caller in', async () => {
    const prompter = new ScriptedPrompter();
    const outcome = expectKind(await run(KEYS.alice, { text: deployedFile(ROLES.deploy), roleArn: ROLES.deploy }, prompter), 'assumed');
    assert.match(outcome.sessionName, /^iam-trust-alice-\d{8}T\d{6}Z$/);
    assert.strictEqual(outcome.assumedRoleArn, `arn:aws:sts::${TOOLS}:assumed-role/deploy/${outcome.sessionName}`);
    assert.strictEqual(outcome.account, TOOLS);
    assert.ok(Math.abs(outcome.expiration.getTime() - Date.now() - 3600_000) < 60_000);
    assert.strictEqual(outcome.preflight!.verdict, 'allowed');
    assert.strictEqual(outcome.preflight!.allowedBy!.index, 0);
    assert.strictEqual(outcome.preflight!.needsIdentityPolicy, false);
    assert.match(outcome.preflight!.summary, /^Statement 0 \("Alice"\) lets arn:aws:iam::210987654321:user\/alice in: it names you/);
    // Same content, other formatting: no diff.
    assert.deepStrictEqual(outcome.deployed, { status: 'same' });
    assert.strictEqual(prompter.asked.length, 0);
    // The request reached STS as the user, then GetCallerIdentity as the new session.
    const last = fake.requests.at(-1)!;
    assert.deepStrictEqual([last.action, last.caller], ['GetCallerIdentity', outcome.assumedRoleArn]);
  });

  it('keeps the secret key and session token out of JSON, inspect and messages', async () => {
    const outcome = expectKind(await run(KEYS.alice, { text: deployedFile(ROLES.deploy), roleArn: ROLES.deploy }), 'assumed');
    const [secret, token] = outcome.credentials.secrets();
    assert.ok(secret.length >= 40 && token.length > 100);
    for (const shown of [JSON.stringify(outcome), inspect(outcome, { depth: 10 }), String(outcome.credentials)]) {
      assert.ok(!shown.includes(secret) && !shown.includes(token), shown.slice(0, 200));
    }
    const lines = outcome.credentials.exportLines();
    assert.deepStrictEqual(lines.map((l) => l.split('=')[0]), ['export AWS_ACCESS_KEY_ID', 'export AWS_SECRET_ACCESS_KEY', 'export AWS_SESSION_TOKEN', 'export AWS_CREDENTIAL_EXPIRATION']);
    assert.ok(lines[1].includes(secret));
  });

  it('assumes across accounts and says the caller\'s own policies must allow it too', async () => {
    const outcome = expectKind(await run(KEYS.alice, { text: deployedFile(ROLES.prodReadonly), roleArn: ROLES.prodReadonly }), 'assumed');
    assert.strictEqual(outcome.assumedRoleArn.split('/')[0], `arn:aws:sts::${PRODUCTION}:assumed-role`);
    assert.strictEqual(outcome.preflight!.needsIdentityPolicy, true);
    assert.match(outcome.preflight!.summary, /cross-account call: your own IAM policies must also allow sts:AssumeRole/);
    assert.strictEqual(outcome.deployed!.status, 'unavailable');
    assert.match(outcome.deployed!.reason!, /IAM answers only about your own account/);
  });

  it('explains a denial by the trust policy: who the statement trusts instead', async () => {
    const outcome = expectKind(await run(KEYS.alice, { text: deployedFile(ROLES.prodDeploy), roleArn: ROLES.prodDeploy }), 'denied');
    assert.strictEqual(outcome.problem!.code, 'AccessDenied');
    assert.match(outcome.message, /^STS refused: User: arn:aws:iam::210987654321:user\/alice is not authorized to perform: sts:AssumeRole/);
    assert.strictEqual(
      outcome.cause,
      'No statement lets arn:aws:iam::210987654321:user/alice in: statement 0 ("CiRunner"): it trusts arn:aws:iam::210987654321:role/ci/ci-runner, not arn:aws:iam::210987654321:user/alice.',
    );
  });

  it('explains an explicit Deny winning over the Allow', async () => {
    const outcome = expectKind(await run(KEYS.alice, { text: deployedFile(ROLES.prodGuarded), roleArn: ROLES.prodGuarded }), 'denied');
    assert.strictEqual(outcome.preflight!.deniedBy!.index, 1);
    assert.match(outcome.cause!, /^Statement 1 \("NotAlice"\) denies you: it names you .*An explicit Deny wins over any Allow\.$/);
  });

  it('prefills the ExternalId from the policy, and explains a missing or different one', async () => {
    const text = deployedFile(ROLES.vendorAudit);
    const accepting = new ScriptedPrompter({ enterExternalId: (r) => r.prefill });
    expectKind(await run(KEYS.vendor, { text, roleArn: ROLES.vendorAudit }, accepting), 'assumed');
    const [asked] = accepting.asked;
    assert.deepStrictEqual(asked.request, { prefill: 'vendor-7f3a9c2e', candidates: ['vendor-7f3a9c2e'], reason: 'Statement 0 ("VendorWithExternalId") asks for an sts:ExternalId.' });

    const without = expectKind(await run(KEYS.vendor, { text, roleArn: ROLES.vendorAudit }, new ScriptedPrompter({ enterExternalId: () => '' })), 'denied');
    assert.match(without.cause!, /the request has no sts:ExternalId, and StringEquals needs it to equal "vendor-7f3a9c2e"/);

    const wrong = expectKind(await run(KEYS.vendor, { text, roleArn: ROLES.vendorAudit, externalId: 'vendor-0000' }), 'denied');
    assert.match(wrong.cause!, /sts:ExternalId is "vendor-0000", but StringEquals wants it to equal "vendor-7f3a9c2e"/);
  });

  it('says the deployed policy must differ when the file would allow and the caller\'s own policies do', async () => {
    // The vendor deleted the ExternalId condition locally; AWS still has it.
    const edited = policyFile([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR}:root` }, Action: 'sts:AssumeRole' }]);
    const outcome = expectKind(await run(KEYS.vendor, { text: edited, roleArn: ROLES.vendorAudit }), 'denied');
    assert.strictEqual(outcome.preflight!.verdict, 'allowed');
    assert.match(outcome.cause!, /^Your own IAM policies allow sts:AssumeRole on this role \(iam:SimulatePrincipalPolicy\), so the deployed trust policy must refuse you \(The role is in account 345678901234/);
  });

  it('blames the caller\'s own policies when the trust policy lets their account in (SimulatePrincipalPolicy)', async () => {
    const outcome = expectKind(await run(KEYS.bob, { text: deployedFile(ROLES.prodReadonly), roleArn: ROLES.prodReadonly }), 'denied');
    assert.strictEqual(outcome.preflight!.verdict, 'allowed');
    assert.match(
      outcome.cause!,
      /^Your own IAM policies do not grant sts:AssumeRole on arn:aws:iam::345678901234:role\/prod-readonly \(iam:SimulatePrincipalPolicy: implicitDeny\)\. For a cross-account role both sides must allow it/,
    );
    assert.ok(fake.requests.some((r) => r.action === 'SimulatePrincipalPolicy' && r.status === 200));
  });

  it('refuses a duration over the role maximum before calling STS, and explains STS\'s own refusal when the maximum is unknown', async () => {
    const outcome = expectKind(await run(KEYS.alice, { text: deployedFile(ROLES.deploy), roleArn: ROLES.deploy, durationSeconds: 10800 }), 'denied');
    assert.deepStrictEqual(outcome.durationProblems!.map((p) => [p.kind, p.limit]), [['role-maximum', 7200]]);
    assert.match(outcome.message, /^10800 seconds \(3 hours\) is longer than the role's MaxSessionDuration of 7200 seconds \(2 hours\)/);
    assert.strictEqual(assumeCalls(), 0);

    const outOfRange = expectKind(await run(KEYS.alice, { text: deployedFile(ROLES.deploy), roleArn: ROLES.deploy, durationSeconds: 100 }), 'invalid');
    assert.match(outOfRange.message, /from 900 \(15 minutes\) to 43200 \(12 hours\)/);

    // Cross-account: GetRole cannot tell the maximum, so STS's ValidationError is explained.
    const vendor = expectKind(
      await run(KEYS.vendor, { text: deployedFile(ROLES.vendorAudit), roleArn: ROLES.vendorAudit, externalId: 'vendor-7f3a9c2e', durationSeconds: 7200 }),
      'denied',
    );
    assert.strictEqual(vendor.problem!.code, 'ValidationError');
    assert.match(vendor.message, /^The requested DurationSeconds exceeds the MaxSessionDuration set for this role\. Ask for a shorter duration, or raise/);
  });

  it('caps a role session at one hour (role chaining) but not an EC2 instance-profile session', async () => {
    const chain = await sts(fake, KEYS.alice).send(new AssumeRoleCommand({ RoleArn: ROLES.ciRunner, RoleSessionName: 'pipeline-42' }));
    const c = chain.Credentials!;
    const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const before = assumeCalls();
    const capped = expectKind(await run(session, { text: deployedFile(ROLES.prodReadonly), roleArn: ROLES.prodReadonly, durationSeconds: 7200 }), 'denied');
    assert.deepStrictEqual(capped.durationProblems!.map((p) => p.kind), ['chaining']);
    assert.match(capped.message, /^You are signed in as a role session \(arn:aws:sts::210987654321:assumed-role\/ci-runner\/pipeline-42\); assuming another role from it is role chaining/);
    assert.strictEqual(assumeCalls(), before);

    // The trust policy names the role with its path; the session ARN has none, yet it matches.
    const chained = expectKind(await run(session, { text: deployedFile(ROLES.prodDeploy), roleArn: ROLES.prodDeploy }), 'assumed');
    assert.strictEqual(chained.preflight!.verdict, 'allowed');
    assert.match(chained.sessionName, /^iam-trust-pipeline-42-/);

    const ec2 = expectKind(await run(KEYS.ec2, { text: deployedFile(ROLES.prodReadonly), roleArn: ROLES.prodReadonly, durationSeconds: 7200 }), 'assumed');
    assert.strictEqual(ec2.caller.ec2InstanceProfile, true);
    assert.strictEqual(ec2.durationSeconds, 7200);
  });

  it('learns the path of the caller\'s role when it may read it, so aws:PrincipalArn conditions are decided', async () => {
    const sessionOf = async (roleArn: string) => {
      const c = (await sts(fake, KEYS.alice).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'ops-1' }))).Credentials!;
      return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    };
    const ops = expectKind(await run(await sessionOf(ROLES.automation), { text: deployedFile(ROLES.prodOps), roleArn: ROLES.prodOps }), 'assumed');
    assert.strictEqual(ops.caller.roleArn, ROLES.automation);
    assert.strictEqual(ops.preflight!.verdict, 'allowed');
    assert.match(ops.preflight!.summary, /aws:PrincipalArn is "arn:aws:iam::210987654321:role\/ops\/automation", which the ArnLike condition accepts/);

    // ci-runner may not read its own role: the preflight says it cannot tell, STS says no.
    const ci = expectKind(await run(await sessionOf(ROLES.ciRunner), { text: deployedFile(ROLES.prodOps), roleArn: ROLES.prodOps }), 'denied');
    assert.strictEqual(ci.preflight!.verdict, 'unknown');
    assert.match(ci.preflight!.summary, /aws:PrincipalArn is not known here/);
    assert.match(ci.cause!, /^Cannot tell locally whether statement 0 \("OpsRolesOnly"\) lets you in: aws:PrincipalArn is not known here.* Either the deployed trust policy refuses you/);
  });

  it('says when a source identity needs sts:SetSourceIdentity', async () => {
    const outcome = expectKind(await run(KEYS.alice, { text: deployedFile(ROLES.deploy), roleArn: ROLES.deploy, sourceIdentity: 'alice' }), 'denied');
    assert.match(outcome.message, /not authorized to perform: sts:SetSourceIdentity/);
    assert.match(outcome.cause!, /^Setting a source identity needs sts:SetSourceIdentity as well: No statement lets .* in: statement 0 \("Alice"\): its Action does not include sts:SetSourceIdentity\.$/);
  });

  it('checks a typed session name and sanitises a template', async () => {
    const bad = expectKind(await run(KEYS.alice, { text: deployedFile(ROLES.deploy), roleArn: ROLES.deploy, sessionName: 'alice testing/now' }), 'invalid');
    assert.strictEqual(bad.message, 'The session name "alice testing/now" contains " ", "/"; STS accepts only letters, digits and _+=,.@- (no spaces).');
    const templated = expectKind(
      await run(KEYS.alice, { text: deployedFile(ROLES.deploy), roleArn: ROLES.deploy, sessionNameTemplate: 'QA run by {user} for {role} at {time}' }),
      'assumed',
    );
    assert.match(templated.sessionName, /^QA-run-by-alice-for-deploy-at-\d{8}T\d{6}Z$/);
  });

  it('says how to sign in when the credentials have expired', async () => {
    const outcome = expectKind(await run(KEYS.expired, { text: deployedFile(ROLES.deploy), roleArn: ROLES.deploy }), 'credentials');
    assert.strictEqual(outcome.problem!.code, 'ExpiredToken');
    assert.match(outcome.message, /^Your AWS credentials have expired \(The security token included in the request is expired\)\. Sign in again: for an SSO profile run "aws sso login"/);
  });

  it('goes on without the diff when iam:GetRole is denied', async () => {
    const outcome = expectKind(await run(KEYS.carol, { text: deployedFile(ROLES.release), roleArn: ROLES.release }), 'assumed');
    assert.strictEqual(outcome.deployed!.status, 'unavailable');
    assert.match(outcome.deployed!.reason!, /^iam:GetRole is not allowed for you \(User: arn:aws:iam::210987654321:user\/carol is not authorized to perform: iam:GetRole .* explicit deny/);
  });

  it('shows a diff when the deployed trust policy differs from the edited one', async () => {
    const edited = policyFile([
      { Sid: 'Alice', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TOOLS}:user/alice` }, Action: 'sts:AssumeRole' },
      { Sid: 'Bob', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TOOLS}:user/bob` }, Action: 'sts:AssumeRole' },
    ]);
    const outcome = expectKind(await run(KEYS.alice, { text: edited, roleArn: ROLES.deploy }), 'assumed');
    assert.strictEqual(outcome.deployed!.status, 'different');
    const diff = outcome.deployed!.diff!;
    assert.ok(diff.startsWith('--- deployed\n+++ edited\n'), diff);
    assert.ok(diff.includes('+       "Sid": "Bob",'), diff);
    assert.ok(!diff.split('\n').some((l) => l.startsWith('- ')), diff);
  });

  it('offers the account\'s roles from every ListRoles page, those with the same trust policy first', async () => {
    let offered: string[] = [];
    const prompter = new ScriptedPrompter({
      pickRole: (r) => {
        offered = r.choices.map((c) => `${c.name}${c.matchesEditedPolicy ? '*' : ''}`);
        return r.choices[0];
      },
    });
    const outcome = expectKind(await run(KEYS.alice, { text: deployedFile(ROLES.deploy) }, prompter), 'assumed');
    assert.deepStrictEqual(offered, ['deploy*', 'deploy-copy*', 'automation', 'AWSReservedSSO_Admin_0123456789abcdef', 'ci-runner', 'ec2-builder', 'lambda-reports', 'mfa-admin', 'release']);
    assert.strictEqual(outcome.roleArn, ROLES.deploy);
    assert.strictEqual(fake.requests.filter((r) => r.action === 'ListRoles').length, 3);
  });

  it('asks for a role ARN when the roles cannot be listed', async () => {
    const prompter = new ScriptedPrompter({
      enterRoleArn: (r) => {
        assert.strictEqual(r.validate('prod-readonly'), '"prod-readonly" is not a role ARN; write it as arn:aws:iam::123456789012:role/NAME (with the role\'s path, if any, before the name).');
        assert.strictEqual(r.validate(ROLES.vendorAudit), undefined);
        assert.match(r.reason!, /^The roles of account 456789012345 could not be listed: User: .* iam:ListRoles/);
        return ROLES.vendorAudit;
      },
      enterExternalId: (r) => r.prefill,
    });
    expectKind(await run(KEYS.vendor, { text: deployedFile(ROLES.vendorAudit) }, prompter), 'assumed');
  });

  it('asks for an MFA code when the policy requires MFA', async () => {
    const prompter = new ScriptedPrompter({ enterMfa: (r) => ({ serialNumber: r.serialSuggestion!, tokenCode: '123456' }) });
    const outcome = expectKind(await run(KEYS.alice, { text: deployedFile(ROLES.mfaAdmin), roleArn: ROLES.mfaAdmin }, prompter), 'assumed');
    assert.strictEqual((prompter.asked[0].request as { serialSuggestion: string }).serialSuggestion, `arn:aws:iam::${TOOLS}:mfa/alice`);
    assert.strictEqual(outcome.preflight!.verdict, 'allowed');

    const wrongCode = new ScriptedPrompter({ enterMfa: (r) => ({ serialNumber: r.serialSuggestion!, tokenCode: '999999' }) });
    const denied = expectKind(await run(KEYS.alice, { text: deployedFile(ROLES.mfaAdmin), roleArn: ROLES.mfaAdmin }, wrongCode), 'denied');
    assert.match(denied.message, /^STS refused the MFA code/);
  });

  it('stops when cancelled mid-flow, and times out a silent endpoint', async () => {
    const controller = new AbortController();
    const prompter = new ScriptedPrompter({
      pickRole: (r) => {
        controller.abort();
        return r.choices[0];
      },
    });
    const cancelled = await run(KEYS.alice, { text: deployedFile(ROLES.deploy) }, prompter, controller.signal);
    assert.strictEqual(cancelled.kind, 'cancelled');
    assert.strictEqual(assumeCalls(), 0);

    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const started = Date.now();
      const outcome = await assumeRoleFlow(
        { text: deployedFile(ROLES.deploy), roleArn: ROLES.deploy },
        { connection: { region: 'eu-west-1', credentials: KEYS.alice, endpoints: { sts: url, iam: url }, timeoutMs: 400, env: {} }, prompter: new ScriptedPrompter() },
      );
      const failed = expectKind(outcome, 'error');
      assert.match(failed.message, /^STS GetCallerIdentity did not answer within 0.4 seconds\./);
      assert.ok(Date.now() - started < 5000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('accepts only https or loopback endpoints, from options or AWS_ENDPOINT_URL_STS', async () => {
    const plain = await assumeRoleFlow(
      { text: deployedFile(ROLES.deploy), roleArn: ROLES.deploy },
      { connection: { region: 'eu-west-1', credentials: KEYS.alice, endpoints: { sts: 'http://sts.example.com' }, env: {} }, prompter: new ScriptedPrompter() },
    );
    assert.strictEqual(plain.kind, 'invalid');
    assert.match((plain as { message: string }).message, /^the STS endpoint setting is "http:\/\/sts\.example\.com": only https:\/\/ endpoints, or http:\/\/ on this machine/);
    const fromEnv = await assumeRoleFlow(
      { text: deployedFile(ROLES.deploy), roleArn: ROLES.deploy },
      { connection: { region: 'eu-west-1', credentials: KEYS.alice, env: { AWS_ENDPOINT_URL_STS: 'http://10.0.0.8:4566' } }, prompter: new ScriptedPrompter() },
    );
    assert.match((fromEnv as { message: string }).message, /^AWS_ENDPOINT_URL_STS is "http:\/\/10\.0\.0\.8:4566"/);
    const viaEnv = await assumeRoleFlow(
      { text: deployedFile(ROLES.deploy), roleArn: ROLES.deploy },
      { connection: { region: 'eu-west-1', credentials: KEYS.alice, env: { AWS_ENDPOINT_URL_STS: fake.url, AWS_ENDPOINT_URL_IAM: fake.url } }, prompter: new ScriptedPrompter() },
    );
    assert.strictEqual(viaEnv.kind, 'assumed');
  });
});
