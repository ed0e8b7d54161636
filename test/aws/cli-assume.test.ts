import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FakeAws } from '../fake-aws/server';
import { FIXTURE, KEYS, REPO_ROOT, ROLES, startFake, TOOLS } from './helpers';

/**
 * `iam-trust assume` as a pipeline runs it: the bundled CLI (dist/cli.js, `npm run build` first)
 * in a child process whose environment points the SDK at the local endpoint and at temporary AWS
 * config files. Every run is checked for leaked secrets.
 */
describe('iam-trust assume (CLI) against the local STS/IAM endpoint', function () {
  this.timeout(30000);
  let fake: FakeAws;
  let dir: string;
  // IAM_TRUST_CLI: another bundle of the CLI to test (a packaged build, say); default the repository's.
  const CLI = process.env.IAM_TRUST_CLI ?? path.join(REPO_ROOT, 'dist/cli.js');

  before(() => {
    if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run "npm run build" first');
  });
  beforeEach(async () => {
    fake = await startFake();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-trust-assume-'));
    const policy = (arn: string) => JSON.stringify(JSON.parse(fake.state.roleByArn(arn)!.trustPolicy), null, 2) + '\n';
    fs.writeFileSync(path.join(dir, 'deploy-trust.json'), policy(ROLES.deploy));
    fs.writeFileSync(path.join(dir, 'prod-readonly-trust.json'), policy(ROLES.prodReadonly));
    fs.writeFileSync(path.join(dir, 'prod-deploy-trust.json'), policy(ROLES.prodDeploy));
    fs.writeFileSync(path.join(dir, 'vendor-trust.json'), policy(ROLES.vendorAudit));
    // Profiles: static keys, a role profile chained from them, and a stale session.
    fs.writeFileSync(
      path.join(dir, 'credentials'),
      [
        '[alice]',
        `aws_access_key_id = ${KEYS.alice.accessKeyId}`,
        `aws_secret_access_key = ${KEYS.alice.secretAccessKey}`,
        '[stale]',
        `aws_access_key_id = ${KEYS.expired.accessKeyId}`,
        `aws_secret_access_key = ${KEYS.expired.secretAccessKey}`,
        `aws_session_token = ${KEYS.expired.sessionToken}`,
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'config'),
      ['[profile alice]', 'region = eu-central-1', '[profile ci]', `role_arn = ${ROLES.ciRunner}`, 'source_profile = alice', 'role_session_name = ci-job-17', '[profile stale]', 'region = eu-west-1', ''].join('\n'),
    );
  });
  afterEach(async () => {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  interface Run {
    code: number;
    stdout: string;
    stderr: string;
  }

  /** Runs the CLI with a clean AWS environment: nothing from the developer's own setup leaks in. */
  function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
    const clean: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      AWS_CONFIG_FILE: path.join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      AWS_ENDPOINT_URL_STS: fake.url,
      AWS_ENDPOINT_URL_IAM: fake.url,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    };
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'assume', ...args], { cwd: dir, env: clean });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  /** No secret key or session token, long-term or issued, may reach the output unasked. */
  function assertNoSecrets(run: Run): void {
    const secrets = [
      KEYS.alice.secretAccessKey,
      KEYS.bob.secretAccessKey,
      KEYS.vendor.secretAccessKey,
      KEYS.expired.secretAccessKey,
      KEYS.expired.sessionToken,
      ...fake.state.issued.flatMap((s) => [s.secretAccessKey, s.sessionToken]),
    ];
    for (const secret of secrets) {
      assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), `a secret reached the output:\n${run.stdout}\n${run.stderr}`);
    }
  }

  const userEnv = (keys: { accessKeyId: string; secretAccessKey: string }) => ({
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    AWS_REGION: 'us-east-1',
  });

  it('assumes a role with environment credentials: exit 0, the session and expiry, no secret', async () => {
    const run = await cli(['deploy-trust.json', '--role-arn', ROLES.deploy], userEnv(KEYS.alice));
    assert.strictEqual(run.code, 0, run.stdout + run.stderr);
    const lines = run.stdout.split('\n');
    assert.strictEqual(lines[0], `Assumed ${ROLES.deploy}`);
    assert.match(lines[1], new RegExp(`^  session:  arn:aws:sts::${TOOLS}:assumed-role/deploy/iam-trust-alice-\\d{8}T\\d{6}Z$`));
    assert.match(run.stdout, /^  expires:  \d{4}-\d\d-\d\dT[\d:.]+Z \(in (1 hour|59 minutes)\)$/m);
    assert.match(run.stdout, /^Preflight: Statement 0 \("Alice"\) lets arn:aws:iam::210987654321:user\/alice in/m);
    assert.match(run.stdout, /^Deployed trust policy: same as the file\.$/m);
    assert.ok(!/ASIA[A-Z2-7]{16}/.test(run.stdout), 'the access key id is not printed either');
    assertNoSecrets(run);
  });

  it('prints credentials only with --print-credentials, in text and json', async () => {
    const text = await cli(['deploy-trust.json', '--role-arn', ROLES.deploy, '--print-credentials'], userEnv(KEYS.alice));
    assert.strictEqual(text.code, 0, text.stderr);
    const issued = fake.state.issued.at(-1)!;
    assert.ok(text.stdout.includes(`export AWS_SECRET_ACCESS_KEY='${issued.secretAccessKey}'`));
    assert.ok(text.stdout.includes(`export AWS_SESSION_TOKEN='${issued.sessionToken}'`));

    const json = await cli(['deploy-trust.json', '--role-arn', ROLES.deploy, '--format', 'json', '--print-credentials'], userEnv(KEYS.alice));
    const report = JSON.parse(json.stdout);
    assert.strictEqual(report.credentials.secretAccessKey, fake.state.issued.at(-1)!.secretAccessKey);
  });

  it('answers json without any credential part: ARN, expiry, account', async () => {
    const run = await cli(['prod-readonly-trust.json', '--role-arn', ROLES.prodReadonly, '--format', 'json', '--duration', '7200'], userEnv(KEYS.alice));
    assert.strictEqual(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.strictEqual(report.result, 'assumed');
    assert.strictEqual(report.account, '345678901234');
    assert.strictEqual(report.durationSeconds, 7200);
    assert.match(report.assumedRoleArn, /^arn:aws:sts::345678901234:assumed-role\/prod-readonly\//);
    assert.ok(Math.abs(Date.parse(report.expiration) - Date.now() - 7200_000) < 60_000);
    assert.deepStrictEqual(report.preflight.verdict, 'allowed');
    assert.ok(!/accessKeyId|secretAccessKey|sessionToken|ASIA/i.test(run.stdout), run.stdout);
    assertNoSecrets(run);
  });

  it('uses a profile from the config files, including a role_arn + source_profile chain', async () => {
    const direct = await cli(['deploy-trust.json', '--role-arn', ROLES.deploy, '--profile', 'alice', '--format', 'json']);
    assert.strictEqual(direct.code, 0, direct.stdout + direct.stderr);
    assert.strictEqual(JSON.parse(direct.stdout).caller.arn, `arn:aws:iam::${TOOLS}:user/alice`);

    // The ci profile names no region: the SDK needs one, and the answer says where to set it.
    const noRegion = await cli(['deploy-trust.json', '--role-arn', ROLES.deploy, '--profile', 'ci']);
    assert.strictEqual(noRegion.code, 1);
    assert.match(noRegion.stdout, /^  No AWS region is set: choose one \(the --region option/m);

    // The ci profile is itself a role session: chaining caps the duration at one hour.
    const capped = await cli(['prod-readonly-trust.json', '--role-arn', ROLES.prodReadonly, '--profile', 'ci', '--region', 'eu-west-2', '--duration', '7200']);
    assert.strictEqual(capped.code, 1, capped.stdout + capped.stderr);
    assert.match(capped.stdout, /^  You are signed in as a role session \(arn:aws:sts::210987654321:assumed-role\/ci-runner\/ci-job-17\); assuming another role from it is role chaining/m);

    const chained = await cli(['prod-deploy-trust.json', '--role-arn', ROLES.prodDeploy, '--profile', 'ci', '--region', 'eu-west-2']);
    assert.strictEqual(chained.code, 0, chained.stdout + chained.stderr);
    assert.match(chained.stdout, /^  caller:   arn:aws:sts::210987654321:assumed-role\/ci-runner\/ci-job-17$/m);
    assertNoSecrets(chained);
  });

  it('exits 1 with the likely cause when STS denies', async () => {
    const run = await cli(['prod-readonly-trust.json', '--role-arn', ROLES.prodReadonly], userEnv(KEYS.bob));
    assert.strictEqual(run.code, 1);
    assert.match(run.stdout, /^Not assumed: arn:aws:iam::345678901234:role\/prod-readonly$/m);
    assert.match(run.stdout, /^  STS refused: User: arn:aws:iam::210987654321:user\/bob is not authorized to perform: sts:AssumeRole/m);
    assert.match(run.stdout, /^  Likely cause: Your own IAM policies do not grant sts:AssumeRole on/m);

    const wrongId = await cli(['vendor-trust.json', '--role-arn', ROLES.vendorAudit, '--external-id', 'guess-1', '--format', 'json'], userEnv(KEYS.vendor));
    assert.strictEqual(wrongId.code, 1);
    const report = JSON.parse(wrongId.stdout);
    assert.deepStrictEqual([report.result, report.code], ['denied', 'AccessDenied']);
    assert.match(report.cause, /sts:ExternalId is "guess-1", but StringEquals wants it to equal "vendor-7f3a9c2e"/);
    assertNoSecrets(wrongId);
  });

  it('exits 1 with how to sign in when the profile\'s session has expired', async () => {
    const run = await cli(['deploy-trust.json', '--role-arn', ROLES.deploy, '--profile', 'stale']);
    assert.strictEqual(run.code, 1);
    assert.match(run.stdout, /Your AWS credentials have expired .* run "aws sso login --profile stale"/);
    assertNoSecrets(run);
  });

  it('exits 2 naming the flag for missing or bad input', async () => {
    const env = userEnv(KEYS.alice);
    // [arguments, message, extra environment, whether it needs to ask AWS anything first]
    const cases: [string[], RegExp, Record<string, string>, boolean][] = [
      [['deploy-trust.json'], /Pass the role to assume with --role-arn/, {}, true],
      [['vendor-trust.json', '--role-arn', ROLES.vendorAudit], /Statement 0 \("VendorWithExternalId"\) asks for an sts:ExternalId\. Pass it with --external-id vendor-7f3a9c2e/, userEnv(KEYS.vendor), true],
      [['deploy-trust.json', '--role-arn', ROLES.deploy, '--duration', 'an hour'], /--duration needs a whole number of seconds, not "an hour"/, {}, false],
      [['deploy-trust.json', '--role-arn', ROLES.deploy, '--duration', '60'], /DurationSeconds must be a whole number from 900/, {}, false],
      [['deploy-trust.json', '--role-arn', ROLES.deploy, '--session-name', 'my session'], /The session name "my session" contains " "/, {}, false],
      [['deploy-trust.json', '--role-arn', 'deploy'], /"deploy" is not a role ARN/, {}, false],
      [['missing.json', '--role-arn', ROLES.deploy], /Cannot read missing\.json: no such file/, {}, false],
      [['deploy-trust.json', '--role-arn', ROLES.deploy, '--colour'], /Unknown option '--colour'/, {}, false],
      [['deploy-trust.json', '--role-arn', ROLES.deploy], /AWS_ENDPOINT_URL_STS is "http:\/\/sts\.example\.com": only https:\/\//, { AWS_ENDPOINT_URL_STS: 'http://sts.example.com' }, false],
    ];
    for (const [args, message, extraEnv, reachesAws] of cases) {
      const before = fake.requests.length;
      const run = await cli(args, { ...env, ...extraEnv });
      assert.strictEqual(run.code, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr, message, args.join(' '));
      assert.strictEqual(run.stdout, '');
      if (!reachesAws) assert.strictEqual(fake.requests.length, before, `${args.join(' ')} called AWS before refusing`);
    }
    assert.ok(!fake.requests.some((r) => r.action === 'AssumeRole'), 'no usage error may reach STS');
  });

  it('runs the fake endpoint standalone for other suites', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'out/test/fake-aws/main.js'), '--fixture', FIXTURE, '--port', '0']);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (c) => resolve(String(c).trim()));
        child.once('error', reject);
      });
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const run = await cli(['deploy-trust.json', '--role-arn', ROLES.deploy], { ...userEnv(KEYS.alice), AWS_ENDPOINT_URL_STS: url, AWS_ENDPOINT_URL_IAM: url });
      assert.strictEqual(run.code, 0, run.stdout + run.stderr);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
