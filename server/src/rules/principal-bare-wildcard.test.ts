import * as assert from 'assert';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './principal-bare-wildcard';

const anyone = { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' };

ruleTester(rule, {
  valid: [
    policy({ ...anyone, Principal: { AWS: '*' } }),
    { name: 'other plain strings are type-mismatch\'s', code: policy({ ...anyone, Principal: 'arn:aws:iam::210987654321:root' }) },
  ],
  invalid: [{ code: policy(anyone), errors: [{ text: '"*"', message: ['write {"AWS": "*"}', 'any AWS account'], severity: 'error' }] }],
});

unknownValueTester(rule, [{ name: 'Principal from a variable', code: policy({ ...anyone, Principal: '${var.principal}' }) }]);

describe('rule principal-bare-wildcard quick fix', () => {
  it('writes the object form', () => {
    assert.strictEqual(fixed(compactPolicy(anyone), rule), compactPolicy({ ...anyone, Principal: { AWS: '*' } }).replace('{"AWS":"*"}', '{"AWS": "*"}'));
  });
});
