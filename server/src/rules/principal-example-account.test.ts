import { policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns } from '../testing/unknownValues';
import { rule } from './principal-example-account';

const trust = (principal: object, extra: object = {}) => policy({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra });

ruleTester(rule, {
  valid: [
    trust({ AWS: 'arn:aws:iam::348201957364:role/Deploy' }),
    { name: 'an example id the user says is theirs', code: trust({ AWS: '111111111111' }), config: { ownAccountIds: ['111111111111'] } },
    { name: 'a 12-digit ExternalId is not an account', code: trust({ AWS: '348201957364' }, { Condition: { StringEquals: { 'sts:ExternalId': '123456789012' } } }) },
    { name: 'the example list is a setting', code: trust({ AWS: '123456789012' }), config: { exampleAccountIds: ['000000000000'] } },
  ],
  invalid: [
    {
      code: trust({ AWS: 'arn:aws:iam::123456789012:role/Deploy' }),
      errors: [{ text: '"arn:aws:iam::123456789012:role/Deploy"', message: ['123456789012', 'example account id', 'ownAccountIds'], severity: 'warning' }],
    },
    {
      name: 'bare id and a federated provider ARN',
      code: policy(
        { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' },
      ),
      errors: [{ text: '"111122223333"' }, { text: '"arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com"' }],
    },
    {
      name: 'account and ARN condition values',
      code: trust(
        { Service: 'lambda.amazonaws.com' },
        { Condition: { StringEquals: { 'AWS:SourceAccount': '111122223333' }, ArnLike: { 'aws:SourceArn': 'arn:aws:lambda:us-east-1:123456789012:function:*' } } },
      ),
      errors: [
        { text: '"111122223333"', message: ['AWS:SourceAccount', 'does not match your real callers'] },
        { text: '"arn:aws:lambda:us-east-1:123456789012:function:*"', message: 'aws:SourceArn' },
      ],
    },
    {
      name: 'principal account and principal ARN conditions',
      code: trust({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalAccount': ['348201957364', '000000000000'] }, ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::777788889999:role/x' } } }),
      errors: [{ text: '"000000000000"' }, { text: '"arn:aws:iam::777788889999:role/x"' }],
    },
  ],
});

describe('rule principal-example-account with values known only at deploy time', () => {
  it('stays quiet on deploy-time principals and condition values', () =>
    assertQuietWithUnknowns(rule, trust({ AWS: '${var.account}' }, { Condition: { StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.current.account_id}' } } })));
});
