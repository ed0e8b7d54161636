import * as assert from 'assert';
import { AssumeRequestFacts, checkDuration, describeCaller, redactSecrets, runPreflight, sessionNameFromTemplate } from '../../server/src/assume';
import { readEditedPolicy } from '../../server/src/assume/editedPolicy';

/**
 * The local preflight on its own: principal forms, Allow/Deny precedence and the condition
 * operators, read from policy text through the engine, as the assume command reads the editor.
 */

const TOOLS = '210987654321';
const alice = describeCaller(`arn:aws:iam::${TOOLS}:user/alice`, TOOLS, 'AIDAZTOOLSALICE00001');
const session = describeCaller(`arn:aws:sts::${TOOLS}:assumed-role/ci-runner/build-7`, TOOLS, 'AROAZTOOLSCIRUNNER01:build-7');
const ec2 = describeCaller(`arn:aws:sts::${TOOLS}:assumed-role/builder/i-0a1b2c3d4e5f60718`, TOOLS, 'AROAZX:i-0a1b2c3d4e5f60718');
const ROLE = `arn:aws:iam::${TOOLS}:role/target`;

function preflight(statements: unknown[], facts: Partial<AssumeRequestFacts> = {}) {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  const edited = readEditedPolicy({ text });
  if ('problem' in edited) throw new Error(edited.problem);
  return runPreflight(edited.source.policy, { caller: alice, roleArn: ROLE, mfa: false, sessionName: 'alice-session', ...facts });
}

const allow = (principal: unknown, condition?: unknown) => ({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });

describe('preflight (local trust-policy evaluation)', () => {
  it('recognises each principal form that can name the caller', () => {
    assert.strictEqual(preflight([allow({ AWS: `arn:aws:iam::${TOOLS}:user/alice` })]).allowedBy!.principal.match, 'direct');
    assert.strictEqual(preflight([allow({ AWS: TOOLS })]).allowedBy!.principal.match, 'account');
    assert.strictEqual(preflight([allow({ AWS: `arn:aws:iam::${TOOLS}:root` })]).needsIdentityPolicy, true);
    assert.strictEqual(preflight([allow({ AWS: '*' })]).verdict, 'allowed');
    // A session is named through its role (any path, as the session ARN has none) or its own ARN.
    assert.strictEqual(preflight([allow({ AWS: `arn:aws:iam::${TOOLS}:role/ci/ci-runner` })], { caller: session }).verdict, 'allowed');
    assert.strictEqual(preflight([allow({ AWS: session.arn })], { caller: session }).verdict, 'allowed');
    assert.strictEqual(preflight([allow({ AWS: `arn:aws:iam::${TOOLS}:role/other` })], { caller: session }).verdict, 'denied');
    const service = preflight([allow({ Service: 'ec2.amazonaws.com' })]);
    assert.strictEqual(service.verdict, 'denied');
    assert.match(service.summary, /it trusts Service ec2\.amazonaws\.com, not arn:aws:iam::210987654321:user\/alice/);
    assert.strictEqual(preflight([allow({ AWS: '999988887777' })]).verdict, 'denied');
  });

  it('lets an explicit Deny win and names it', () => {
    const p = preflight([allow({ AWS: TOOLS }), { Sid: 'NoAlice', Effect: 'Deny', Principal: { AWS: alice.arn }, Action: 'sts:*' }]);
    assert.strictEqual(p.verdict, 'denied');
    assert.strictEqual(p.deniedBy!.index, 1);
    assert.match(p.summary, /^Statement 1 \("NoAlice"\) denies you/);
    const notAction = preflight([{ Effect: 'Allow', Principal: { AWS: TOOLS }, NotAction: 'sts:TagSession' }]);
    assert.strictEqual(notAction.verdict, 'allowed');
  });

  it('evaluates String, Arn, Bool, Null and Numeric operators with IfExists and set prefixes', () => {
    const verdict = (condition: unknown, facts: Partial<AssumeRequestFacts> = {}) => preflight([allow({ AWS: TOOLS }, condition)], facts).verdict;
    assert.strictEqual(verdict({ StringEquals: { 'sts:ExternalId': 'abc-123' } }, { externalId: 'abc-123' }), 'allowed');
    assert.strictEqual(verdict({ StringEquals: { 'sts:ExternalId': 'abc-123' } }), 'denied');
    assert.strictEqual(verdict({ StringEqualsIgnoreCase: { 'sts:externalid': 'ABC-123' } }, { externalId: 'abc-123' }), 'allowed');
    assert.strictEqual(verdict({ StringLike: { 'sts:RoleSessionName': 'alice-*' } }), 'allowed');
    assert.strictEqual(verdict({ StringNotLike: { 'sts:RoleSessionName': 'alice-*' } }), 'denied');
    assert.strictEqual(verdict({ StringNotEquals: { 'sts:SourceIdentity': 'x' } }), 'allowed');
    assert.strictEqual(verdict({ StringEqualsIfExists: { 'sts:SourceIdentity': 'x' } }), 'allowed');
    assert.strictEqual(verdict({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${TOOLS}:user/*` } }), 'allowed');
    assert.strictEqual(verdict({ ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::*:role/*` } }), 'denied');
    assert.strictEqual(verdict({ Bool: { 'aws:MultiFactorAuthPresent': true } }, { mfa: true }), 'allowed');
    assert.strictEqual(verdict({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), 'denied');
    assert.strictEqual(verdict({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }), 'allowed');
    assert.strictEqual(verdict({ Null: { 'sts:ExternalId': 'false' } }), 'denied');
    assert.strictEqual(verdict({ Null: { 'sts:ExternalId': 'true' } }), 'allowed');
    assert.strictEqual(verdict({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }), 'denied');
    assert.strictEqual(verdict({ 'ForAnyValue:StringEquals': { 'sts:ExternalId': ['a1', 'abc-123'] } }, { externalId: 'abc-123' }), 'allowed');
    assert.strictEqual(verdict({ 'ForAnyValue:StringEquals': { 'sts:SourceIdentity': ['a1'] } }), 'denied');
    assert.strictEqual(verdict({ 'ForAllValues:StringEquals': { 'sts:SourceIdentity': ['a1'] } }), 'allowed');
    assert.strictEqual(verdict({ StringEquals: { 'aws:PrincipalAccount': TOOLS, 'sts:ExternalId': 'e1' } }, { externalId: 'e2' }), 'denied');
  });

  it('says "cannot tell" for keys and values it cannot know, and uses them when given', () => {
    const org = { StringEquals: { 'aws:PrincipalOrgID': 'o-k3x9tq2m7p' } };
    const unknown = preflight([allow({ AWS: '*' }, org)]);
    assert.strictEqual(unknown.verdict, 'unknown');
    assert.match(unknown.summary, /^Cannot tell locally whether statement 0 lets you in: aws:PrincipalOrgID is not known here/);
    assert.strictEqual(preflight([allow({ AWS: '*' }, org)], { principalOrgId: 'o-k3x9tq2m7p' }).verdict, 'allowed');
    const tag = { StringEquals: { 'aws:PrincipalTag/team': 'platform' } };
    assert.strictEqual(preflight([allow({ AWS: TOOLS }, tag)]).verdict, 'unknown');
    assert.strictEqual(preflight([allow({ AWS: TOOLS }, tag)], { principalTags: { team: 'platform' } }).verdict, 'allowed');
    assert.strictEqual(preflight([allow({ AWS: TOOLS }, tag)], { principalTags: { team: 'data' } }).verdict, 'denied');
    assert.strictEqual(preflight([allow({ AWS: TOOLS }, { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })]).verdict, 'unknown');
    assert.strictEqual(preflight([allow({ AWS: TOOLS }, { StringEquals: { 'sts:ExternalId': '${aws:username}' } })], { externalId: 'x1' }).verdict, 'unknown');
    // An Allow that cannot be decided does not hide a Deny that applies.
    assert.strictEqual(preflight([allow({ AWS: '*' }, org), { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]).verdict, 'denied');
  });

  it('collects what the policy needs from the statements that could let the caller in', () => {
    const p = preflight([
      allow({ AWS: TOOLS }, { StringEquals: { 'sts:ExternalId': 'ext-1' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
      allow({ AWS: '999988887777' }, { StringEquals: { 'sts:ExternalId': 'someone-else' } }),
    ]);
    assert.deepStrictEqual(p.needs, { externalIds: ['ext-1'], mfa: true, sourceIdentity: false });
  });

  it('checks durations: range, role maximum, chaining, but not for EC2 instance profiles', () => {
    assert.deepStrictEqual(checkDuration({ seconds: 3600, caller: alice }), []);
    assert.deepStrictEqual(checkDuration({ seconds: 899, caller: alice }).map((p) => p.kind), ['range']);
    assert.deepStrictEqual(checkDuration({ seconds: 7200, caller: alice, maxSessionDuration: 3600 }).map((p) => [p.kind, p.limit]), [['role-maximum', 3600]]);
    assert.deepStrictEqual(checkDuration({ seconds: 7200, caller: session, maxSessionDuration: 3600 }).map((p) => p.kind), ['chaining', 'role-maximum']);
    assert.deepStrictEqual(checkDuration({ seconds: 7200, caller: ec2, maxSessionDuration: 43200 }), []);
  });

  it('builds session names STS accepts from any template and user', () => {
    const now = new Date('2026-11-25T09:30:05.123Z');
    const values = { user: 'jane.doe@example.com', account: TOOLS, role: 'deploy', now };
    assert.strictEqual(sessionNameFromTemplate('iam-trust-{user}-{time}', values), 'iam-trust-jane.doe@example.com-20261125T093005Z');
    const long = sessionNameFromTemplate('iam-trust-{user}-{time}', { ...values, user: 'x'.repeat(100) });
    assert.strictEqual(long.length, 64);
    assert.ok(long.endsWith('-20261125T093005Z'));
    assert.strictEqual(sessionNameFromTemplate('{user}', { ...values, user: 'ü' }), '-_');
  });

  it('redacts secrets by value and by name', () => {
    const text = 'aws_secret_access_key = abcdEFGH1234abcdEFGH1234abcdEFGH1234abcd\n"SessionToken": "IQoJtoken", sig Signature=' + 'a'.repeat(64) + ' and mysecretvalue99';
    const out = redactSecrets(text, ['mysecretvalue99']);
    assert.ok(!/abcdEFGH|IQoJtoken|aaaaaaaa|mysecretvalue99/.test(out), out);
    assert.match(out, /aws_secret_access_key = \[redacted\]/);
  });
});
