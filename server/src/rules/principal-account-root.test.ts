import { policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns } from './groupC.testing';
import { rule } from './principal-account-root';

const trust = (aws: unknown, extra: object = {}) => policy({ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole', ...extra });

ruleTester(rule, {
  valid: [
    trust('arn:aws:iam::348201957364:role/Deploy'),
    { name: 'narrowed by aws:PrincipalArn', code: trust('arn:aws:iam::348201957364:root', { Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::348201957364:role/Deploy' } } }) },
    { name: 'narrowed by aws:PrincipalArn, key in another case', code: trust('348201957364', { Condition: { ArnLike: { 'AWS:PRINCIPALARN': 'arn:aws:iam::348201957364:role/ci-*' } } }) },
    {
      name: 'narrowed by a Deny that refuses every other ARN',
      code: policy(
        { Effect: 'Allow', Principal: { AWS: '348201957364' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::348201957364:role/Deploy' } } },
      ),
    },
    { name: 'a Deny is not a grant', code: policy({ Effect: 'Deny', Principal: { AWS: '348201957364' }, Action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    {
      code: trust('arn:aws:iam::348201957364:root'),
      errors: [{ text: '"arn:aws:iam::348201957364:root"', message: ['account 348201957364', 'not its root user', 'arn:aws:iam::348201957364:role/<role-name>'], severity: 'information' }],
    },
    {
      name: 'bare account id, other partition',
      code: trust(['348201957364', 'arn:aws-cn:iam::572913468025:root']),
      errors: [
        { text: '"348201957364"', message: 'arn:aws:iam::348201957364:role/' },
        { text: '"arn:aws-cn:iam::572913468025:root"', message: 'arn:aws-cn:iam::572913468025:role/' },
      ],
    },
    {
      name: 'IfExists does not narrow',
      code: trust('348201957364', { Condition: { ArnEqualsIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::348201957364:role/Deploy' } } }),
      errors: [{ text: '"348201957364"' }],
    },
    {
      name: 'an org condition does not name the caller',
      code: trust('348201957364', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
      errors: [{ text: '"348201957364"' }],
    },
  ],
});

describe('rule principal-account-root with values known only at deploy time', () => {
  it('stays quiet when the principal is not literal', () => assertQuietWithUnknowns(rule, trust('${var.account_id}')));
  it('stays quiet when the Condition is not literal', () => assertQuietWithUnknowns(rule, trust('348201957364', { Condition: '${local.condition}' })));
  it('stays quiet when the aws:PrincipalArn value is not literal', () =>
    assertQuietWithUnknowns(rule, trust('348201957364', { Condition: { ArnEquals: { 'aws:PrincipalArn': '${aws_iam_role.ci.arn}' } } })));
});
