import * as assert from 'assert';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './principal-key-invalid';

const trusting = (Principal: object) => policy({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' });

ruleTester(rule, {
  valid: [
    trusting({ AWS: '210987654321', Service: 'ec2.amazonaws.com', Federated: 'accounts.google.com' }),
    { name: 'bare "*" is principal-bare-wildcard\'s', code: policy({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    { name: 'CanonicalUser', code: trusting({ CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' }), errors: [{ text: '"CanonicalUser"', message: ['S3 canonical user', '{"AWS": "<12-digit account id>"}'], severity: 'error' }] },
    { name: 'typo gets the closest type', code: trusting({ Servce: 'ec2.amazonaws.com' }), errors: [{ text: '"Servce"', message: 'Did you mean "Service"?', severity: 'error' }] },
    { name: 'unrelated word: no suggestion', code: trusting({ Role: 'Deploy' }), errors: [{ text: '"Role"', message: '"AWS" (accounts, roles, users)' }] },
    { name: 'wrong case is a softer finding', code: trusting({ aws: '210987654321' }), errors: [{ text: '"aws"', message: 'Write "AWS" exactly', severity: 'warning' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'a known key with an unknown value', code: trusting({ AWS: '${var.account_id}' }) },
  { name: 'the key is literal even when its value is not', code: trusting({ Servce: '${var.service}' }), errors: [{ text: '"Servce"' }] },
]);

describe('rule principal-key-invalid quick fix', () => {
  it('corrects the key', () => {
    const code = compactPolicy({ Effect: 'Allow', Principal: { Federeted: 'accounts.google.com' }, Action: 'sts:AssumeRoleWithWebIdentity' });
    assert.strictEqual(fixed(code, rule), code.replace('Federeted', 'Federated'));
  });
});
