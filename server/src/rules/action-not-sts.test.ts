import * as assert from 'assert';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './action-not-sts';

const acting = (Action: string | string[]) => policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action });

ruleTester(rule, {
  valid: [
    acting(['sts:AssumeRole', 'sts:TagSession']),
    { name: 'case does not matter to IAM', code: acting('STS:assumerole') },
    { name: 'wildcards are action-wildcard\'s', code: acting(['*', 'sts:*']) },
    { name: 'unknown sts actions are action-unknown\'s', code: acting('sts:AssumeRol') },
  ],
  invalid: [
    {
      name: 'a permission that belongs in the permissions policy',
      code: acting(['sts:AssumeRole', 's3:GetObject']),
      errors: [{ text: '"s3:GetObject"', message: ['action of s3, not STS', 'permissions policy'], severity: 'error' }],
    },
    { name: 'assume under the wrong service', code: acting('iam:AssumeRole'), errors: [{ text: '"iam:AssumeRole"', message: 'Write "sts:AssumeRole"' }] },
    { name: 'no prefix', code: acting('AssumeRole'), errors: [{ text: '"AssumeRole"', message: ['no service prefix', 'Write "sts:AssumeRole"'] }] },
    { name: 'no prefix and nothing close', code: acting('PassRole'), errors: [{ text: '"PassRole"', message: 'sts:AssumeRoleWithSAML' }] },
  ],
});

unknownValueTester(rule, [{ name: 'action list from a variable', code: acting(['${var.extra_action}', 'sts:AssumeRole']) }]);

describe('rule action-not-sts quick fix', () => {
  it('adds the sts: prefix', () => {
    const code = (a: string) => compactPolicy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: a });
    assert.strictEqual(fixed(code('AssumeRole'), rule), code('sts:AssumeRole'));
  });
});
