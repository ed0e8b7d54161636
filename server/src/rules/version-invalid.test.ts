import * as assert from 'assert';
import { policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './version-invalid';

const ec2 = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
const withVersion = (v: unknown) => JSON.stringify({ Version: v, Statement: [ec2] });

ruleTester(rule, {
  valid: [
    policy(ec2),
    withVersion('2008-10-17'),
    { name: 'no Version (version-missing says so)', code: JSON.stringify({ Statement: [ec2] }) },
    { name: 'a number (type-mismatch says so)', code: withVersion(2012) },
  ],
  invalid: [
    { code: withVersion('2012-10-18'), errors: [{ text: '"2012-10-18"', message: ['rejects', '"2012-10-17"', '"2008-10-17"'], severity: 'error' }] },
    { name: 'a date typed the other way', code: withVersion('2012/10/17'), errors: [{ text: '"2012/10/17"' }] },
    { name: 'trailing white space', code: withVersion('2012-10-17 '), errors: [{ text: '"2012-10-17 "' }] },
    { name: 'lower-case key', code: JSON.stringify({ version: 'latest', Statement: [ec2] }), errors: [{ text: '"latest"' }] },
  ],
});

unknownValueTester(rule, [{ name: 'Version from a variable', code: withVersion('${var.policy_version}') }]);

describe('rule version-invalid quick fix', () => {
  it('writes 2012-10-17', () => {
    assert.strictEqual(fixed(withVersion('2012-10-18'), rule), withVersion('2012-10-17'));
  });
});
