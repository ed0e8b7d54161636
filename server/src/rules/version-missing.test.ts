import * as assert from 'assert';
import { lint, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './version-missing';

const ec2 = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
const noVersion = JSON.stringify({ Statement: [ec2] }, null, 2);

ruleTester(rule, {
  valid: [
    policy(ec2),
    JSON.stringify({ Version: '2008-10-17', Statement: [ec2] }),
    { name: 'element names are read ignoring case', code: JSON.stringify({ version: '2012-10-17', Statement: [ec2] }) },
    { name: 'a list is not a policy (type-mismatch says so)', code: JSON.stringify([{ Statement: [ec2] }]) },
  ],
  invalid: [
    { code: noVersion, errors: [{ text: '{', message: ['no "Version"', '2008-10-17', 'policy variables', 'Add "Version": "2012-10-17"'], severity: 'warning' }] },
    { name: 'an empty object', code: '{}', errors: [{ text: '{' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'the whole policy is a template expression', code: '"${jsonencode(local.trust_policy)}"' },
  { name: 'Version is present with a deploy-time value', code: JSON.stringify({ Version: '${var.policy_version}', Statement: [ec2] }) },
]);

describe('rule version-missing quick fix', () => {
  it('adds the version as the first line of a formatted policy', () => {
    const after = fixed(noVersion, rule);
    assert.ok(after.startsWith('{\n  "Version": "2012-10-17",\n  "Statement": ['), after);
    assert.deepStrictEqual(JSON.parse(after), { Version: '2012-10-17', Statement: [ec2] });
    assert.deepStrictEqual(lint(after, rule), []);
  });
  it('adds the version on the same line of a one-line policy', () => {
    const after = fixed(JSON.stringify({ Statement: [ec2] }), rule);
    assert.deepStrictEqual(JSON.parse(after), { Version: '2012-10-17', Statement: [ec2] });
  });
  it('fills an empty object', () => {
    assert.deepStrictEqual(JSON.parse(fixed('{}', rule)), { Version: '2012-10-17' });
  });
});
