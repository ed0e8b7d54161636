import * as assert from 'assert';
import { AssumeFailure, applyTrustPolicy, ApplyOutcome, AwsConnectionOptions, MaxDurationOutcome, Prompter, setMaxSessionDuration, assumeRoleFlow } from '../../server/src/assume';
import { FakeAws } from '../fake-aws/server';
import { KEYS, PRODUCTION, ROLES, startFake, TOOLS } from './helpers';
import { ScriptedPrompter } from './scriptedPrompter';

/** Apply: UpdateAssumeRolePolicy after a diff and a yes, UpdateRole, and IAM's refusals on the right line. */
describe('apply trust policy against the local IAM endpoint', () => {
  let fake: FakeAws;
  beforeEach(async () => {
    fake = await startFake();
  });
  afterEach(() => fake.close());

  function deps(credentials: AwsConnectionOptions['credentials'], prompter: Prompter) {
    return { connection: { region: 'us-east-1', credentials, endpoints: { sts: fake.url, iam: fake.url }, env: {} }, prompter };
  }

  const deployed = (name: string) => fake.state.roleByName(TOOLS, name)!.trustPolicy;

  /** A policy file, one element per line, so a line number means one element. */
  function file(extra: string[] = [], principal = `arn:aws:iam::${TOOLS}:user/bob`): string {
    return [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Sid": "Bob",',
      '      "Effect": "Allow",',
      `      "Principal": { "AWS": "${principal}" },`,
      ...extra,
      '      "Action": "sts:AssumeRole"',
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n');
  }

  function expect<K extends ApplyOutcome['kind']>(outcome: ApplyOutcome | MaxDurationOutcome, kind: K): Extract<ApplyOutcome, { kind: K }> {
    assert.strictEqual(outcome.kind, kind, JSON.stringify(outcome));
    return outcome as Extract<ApplyOutcome, { kind: K }>;
  }

  it('shows the diff, asks, applies compact JSON, and then finds nothing to change', async () => {
    let shown = '';
    const prompter = new ScriptedPrompter({
      confirm: (r) => {
        shown = r.detail;
        assert.strictEqual(r.title, `Replace the trust policy of ${ROLES.deploy}?`);
        return true;
      },
    });
    const applied = expect(await applyTrustPolicy({ text: file(), roleArn: ROLES.deploy }, deps(KEYS.alice, prompter)), 'applied');
    assert.ok(shown.includes(`-         "AWS": "arn:aws:iam::${TOOLS}:user/alice"`), shown);
    assert.ok(shown.includes(`+         "AWS": "arn:aws:iam::${TOOLS}:user/bob"`), shown);
    assert.strictEqual(applied.diff, shown);
    assert.strictEqual(deployed('deploy'), JSON.stringify(JSON.parse(file())));

    expect(await applyTrustPolicy({ text: file(), roleArn: ROLES.deploy }, deps(KEYS.alice, new ScriptedPrompter())), 'unchanged');
    // Bob can now assume the role: the change is live.
    const bob = await assumeRoleFlow({ text: file(), roleArn: ROLES.deploy }, deps(KEYS.bob, new ScriptedPrompter()));
    assert.strictEqual(bob.kind, 'assumed');
  });

  it('changes nothing when the user says no', async () => {
    const before = deployed('deploy');
    expect(await applyTrustPolicy({ text: file(), roleArn: ROLES.deploy }, deps(KEYS.alice, new ScriptedPrompter({ confirm: () => false }))), 'cancelled');
    assert.strictEqual(deployed('deploy'), before);
    assert.ok(!fake.requests.some((r) => r.action === 'UpdateAssumeRolePolicy'));
  });

  it('puts MalformedPolicyDocument on the line it is about', async () => {
    const yes = () => new ScriptedPrompter({ confirm: () => true });
    const resource = expect(await applyTrustPolicy({ text: file(['      "Resource": "*",']), roleArn: ROLES.deploy }, deps(KEYS.alice, yes())), 'rejected');
    assert.strictEqual(resource.code, 'MalformedPolicyDocumentException');
    assert.strictEqual(resource.message, 'IAM refused the policy: Has prohibited field Resource');
    assert.deepStrictEqual([resource.location!.line, resource.location!.column], [8, 7]);

    const ghost = `arn:aws:iam::${TOOLS}:user/ghost`;
    const principal = expect(await applyTrustPolicy({ text: file([], ghost), roleArn: ROLES.deploy }, deps(KEYS.alice, yes())), 'rejected');
    assert.strictEqual(principal.message, `IAM refused the policy: Invalid principal in policy: "AWS":"${ghost}"`);
    assert.deepStrictEqual([principal.location!.line, principal.location!.column], [7, 29]);
  });

  it('explains LimitExceeded with the size and points at the policy', async () => {
    const statements = Array.from({ length: 25 }, (_, i) => ({ Sid: `User${i}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TOOLS}:user/alice` }, Action: 'sts:AssumeRole' }));
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
    const limit = expect(await applyTrustPolicy({ text, roleArn: ROLES.deploy }, deps(KEYS.alice, new ScriptedPrompter({ confirm: () => true }))), 'rejected');
    assert.strictEqual(limit.code, 'LimitExceededException');
    const size = JSON.stringify(JSON.parse(text)).length;
    assert.strictEqual(
      limit.message,
      `IAM refused the policy: Cannot exceed quota for ACLSizePerRole: 2048. Sent without white space it has ${size} characters; shorten it (merge statements, drop duplicates) or ask AWS for a larger trust-policy quota.`,
    );
    assert.strictEqual(limit.location!.line, 1);
  });

  it('refuses roles of another account and protected roles, and documents that do not parse', async () => {
    const other = expect(await applyTrustPolicy({ text: file(), roleArn: ROLES.prodReadonly }, deps(KEYS.alice, new ScriptedPrompter())), 'failed');
    assert.match(other.message, new RegExp(`^The role is in account ${PRODUCTION}, but you are signed in to ${TOOLS}: IAM changes only your own account's roles`));
    const sso = `arn:aws:iam::${TOOLS}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`;
    const prot = expect(await applyTrustPolicy({ text: file(), roleArn: sso }, deps(KEYS.alice, new ScriptedPrompter({ confirm: () => true }))), 'rejected');
    assert.match(prot.message, /protected role 'AWSReservedSSO_Admin_0123456789abcdef' - this role is only modifiable by AWS/);
    const broken = expect(await applyTrustPolicy({ text: file().replace('"Effect"', '"Effect" "'), roleArn: ROLES.deploy }, deps(KEYS.alice, new ScriptedPrompter())), 'failed');
    assert.strictEqual(broken.location!.line, 6);
    assert.ok(!fake.requests.some((r) => r.action === 'UpdateAssumeRolePolicy' && r.status === 200));
  });

  it('raises MaxSessionDuration after asking, so a longer session then works', async () => {
    const long = () => assumeRoleFlow({ text: deployed('deploy'), roleArn: ROLES.deploy, durationSeconds: 10800 }, deps(KEYS.alice, new ScriptedPrompter()));
    const refused = await long();
    assert.strictEqual(refused.kind, 'denied');
    assert.strictEqual((refused as AssumeFailure).durationProblems?.[0].limit, 7200);

    const prompter = new ScriptedPrompter({ confirm: () => true });
    const updated = await setMaxSessionDuration({ roleArn: ROLES.deploy, seconds: 10800 }, deps(KEYS.alice, prompter));
    assert.deepStrictEqual(updated, { kind: 'updated', roleArn: ROLES.deploy, seconds: 10800 });
    assert.match((prompter.asked[0].request as { detail: string }).detail, /up to 3 hours/);
    assert.strictEqual((await long()).kind, 'assumed');

    const out = await setMaxSessionDuration({ roleArn: ROLES.deploy, seconds: 50000 }, deps(KEYS.alice, new ScriptedPrompter()));
    assert.strictEqual(out.kind, 'failed');
  });
});
