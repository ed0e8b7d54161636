import * as assert from 'assert';
import { policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './version-old';

const ec2 = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
const withVersion = (v: unknown) => JSON.stringify({ Version: v, Statement: [ec2] });

ruleTester(rule, {
  valid: [policy(ec2), { name: 'an invalid version is version-invalid\'s', code: withVersion('2008-10-18') }, JSON.stringify({ Statement: [ec2] })],
  invalid: [{ code: withVersion('2008-10-17'), errors: [{ text: '"2008-10-17"', message: ['policy variables', 'Write "2012-10-17"'], severity: 'warning' }] }],
});

unknownValueTester(rule, [{ name: 'Version from a variable', code: withVersion('${var.policy_version}') }]);

describe('rule version-old quick fix', () => {
  it('writes 2012-10-17', () => {
    assert.strictEqual(fixed(withVersion('2008-10-17'), rule), withVersion('2012-10-17'));
  });
});
