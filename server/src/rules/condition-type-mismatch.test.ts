import * as assert from 'assert';
import { compactPolicy, lint, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './condition-type-mismatch';

const stmt = (Condition: unknown) => ({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/Deploy' }, Action: 'sts:AssumeRole', Condition });

ruleTester(rule, {
  valid: [
    policy(stmt({ Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })),
    { name: 'ARN keys take Arn and String operators', code: policy(stmt({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::210987654321:role/ci-*' }, StringEquals: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:210987654321:rule/nightly' } })) },
    { name: 'aws:EpochTime is a date or a number', code: policy(stmt({ NumericLessThan: { 'aws:EpochTime': '1767225600' }, DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } })) },
    { name: 'Null fits every key', code: policy(stmt({ Null: { 'aws:MultiFactorAuthAge': 'false' } })) },
    { name: 'unknown keys are condition-key-unknown\'s', code: policy(stmt({ NumericEquals: { 'aws:PrincipleOrgID': '1' } })) },
  ],
  invalid: [
    {
      name: 'StringEquals on a Bool key',
      code: policy(stmt({ StringEquals: { 'aws:MultiFactorAuthPresent': 'true' } })),
      errors: [{ text: '"aws:MultiFactorAuthPresent"', message: ['holds true or false', 'StringEquals', 'Use Bool'], severity: 'warning' }],
    },
    { name: 'Numeric on a string key', code: policy(stmt({ NumericEquals: { 'aws:PrincipalAccount': '210987654321' } })), errors: [{ text: '"aws:PrincipalAccount"', message: ['holds text', 'cannot read it as a number', 'StringEquals'] }] },
    { name: 'Arn on a non-ARN key', code: policy(stmt({ ArnLike: { 'aws:PrincipalOrgID': 'o-*' } })), errors: [{ text: '"aws:PrincipalOrgID"', message: ['colon-separated fields', 'a value that is not an ARN never matches'] }] },
    { name: 'String on a number key', code: policy(stmt({ StringEquals: { 'aws:MultiFactorAuthAge': '3600' } })), errors: [{ text: '"aws:MultiFactorAuthAge"', message: ['as text', 'NumericEquals'] }] },
    { name: 'String on an IP key', code: policy(stmt({ StringLike: { 'aws:SourceIp': '203.0.113.*' } })), errors: [{ text: '"aws:SourceIp"', message: ['10.0.0.0/8', 'IpAddress'] }] },
    { name: 'with set prefix and IfExists', code: policy(stmt({ 'ForAnyValue:NumericEqualsIfExists': { 'aws:PrincipalOrgPaths': '1' } })), errors: [{ text: '"aws:PrincipalOrgPaths"', message: 'list of values, each text' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'the operator block known at deploy time', code: policy(stmt({ StringEquals: '${var.mfa}' })) },
  { name: 'a deploy-time value does not change the key\'s type', code: policy(stmt({ StringEquals: { 'aws:MultiFactorAuthPresent': '${var.mfa}' } })), errors: [{ text: '"aws:MultiFactorAuthPresent"' }] },
]);

describe('rule condition-type-mismatch quick fix', () => {
  it('writes the operator of the key\'s type when the block holds only that key, and the result is quiet', () => {
    const after = fixed(compactPolicy(stmt({ StringEqualsIfExists: { 'aws:SecureTransport': 'true' } })), rule);
    assert.strictEqual(after, compactPolicy(stmt({ BoolIfExists: { 'aws:SecureTransport': 'true' } })));
    assert.deepStrictEqual(lint(after, rule), []);
  });
  it('turns Arn operators on a string key into String operators', () => {
    assert.strictEqual(fixed(compactPolicy(stmt({ ArnLike: { 'aws:PrincipalOrgID': 'o-a1b2*' } })), rule), compactPolicy(stmt({ StringLike: { 'aws:PrincipalOrgID': 'o-a1b2*' } })));
  });
  it('offers no fix when the block holds other keys', () => {
    const [finding] = lint(compactPolicy(stmt({ StringEquals: { 'aws:SecureTransport': 'true', 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })), rule);
    assert.deepStrictEqual(finding.fixes, []);
  });
});
