import * as assert from 'assert';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './principal-partial-wildcard';

const trusting = (Principal: object) => policy({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' });

ruleTester(rule, {
  valid: [
    trusting({ AWS: '*' }),
    trusting({ AWS: ['arn:aws:iam::210987654321:role/dev-deploy', '210987654321'] }),
    trusting({ Service: 'lambda.amazonaws.com' }),
    { name: 'the pattern in a condition is the right way', code: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::210987654321:role/dev-*' } } }) },
  ],
  invalid: [
    {
      name: 'role name pattern: suggests the account with an ArnLike condition',
      code: trusting({ AWS: 'arn:aws:iam::210987654321:role/dev-*' }),
      errors: [{ text: '"arn:aws:iam::210987654321:role/dev-*"', message: ['only the whole value "*"', '"arn:aws:iam::210987654321:root"', '"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::210987654321:role/dev-*"}'], severity: 'error' }],
    },
    {
      name: 'every session of a role: suggests the role',
      code: trusting({ AWS: 'arn:aws:sts::210987654321:assumed-role/Deploy/*' }),
      errors: [{ text: '"arn:aws:sts::210987654321:assumed-role/Deploy/*"', message: 'write "arn:aws:iam::210987654321:role/Deploy"' }],
    },
    {
      name: 'any account: suggests an organization condition',
      code: trusting({ AWS: 'arn:aws:iam::*:root' }),
      errors: [{ text: '"arn:aws:iam::*:root"', message: 'aws:PrincipalOrgID' }],
    },
    { name: 'a ? counts as well', code: trusting({ AWS: 'arn:aws:iam::210987654321:user/ops?' }), errors: [{ text: '"arn:aws:iam::210987654321:user/ops?"' }] },
    { name: 'service pattern', code: trusting({ Service: '*.amazonaws.com' }), errors: [{ text: '"*.amazonaws.com"', message: 'Name each service' }] },
    {
      name: 'provider pattern',
      code: trusting({ Federated: 'arn:aws:iam::210987654321:oidc-provider/*' }),
      errors: [{ text: '"arn:aws:iam::210987654321:oidc-provider/*"', message: 'not an identity provider' }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'principal list with a variable', code: trusting({ AWS: ['${var.deployer_arn}', 'arn:aws:iam::210987654321:role/Deploy'] }) },
  { name: 'a literal pattern next to a variable still counts', code: trusting({ AWS: ['${var.deployer_arn}', 'arn:aws:iam::210987654321:role/ci-*'] }), errors: [{ text: '"arn:aws:iam::210987654321:role/ci-*"' }] },
]);

describe('rule principal-partial-wildcard quick fix', () => {
  it('replaces every session of a role with the role', () => {
    const code = compactPolicy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:sts::210987654321:assumed-role/Deploy/*' }, Action: 'sts:AssumeRole' });
    assert.strictEqual(fixed(code, rule), code.replace('arn:aws:sts::210987654321:assumed-role/Deploy/*', 'arn:aws:iam::210987654321:role/Deploy'));
  });
});
