import { policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns } from '../testing/unknownValues';
import { rule } from './principal-user';

const trust = (aws: unknown) => policy({ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole' });

ruleTester(rule, {
  valid: [
    trust('arn:aws:iam::348201957364:role/Deploy'),
    trust('arn:aws:sts::348201957364:assumed-role/Deploy/ci'),
    trust('348201957364'),
    policy({ Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::348201957364:user/alice' }, Action: 'sts:AssumeRole' }),
  ],
  invalid: [
    {
      name: 'a vendor user ARN (Snowflake style)',
      code: trust('arn:aws:iam::572913468025:user/abc1-b-self1234'),
      errors: [{ text: '"arn:aws:iam::572913468025:user/abc1-b-self1234"', message: ['abc1-b-self1234', 'long-lived access keys', 'Snowflake', 'not a defect'], severity: 'information' }],
    },
    {
      name: 'user with a path',
      code: trust(['arn:aws:iam::348201957364:role/Deploy', 'arn:aws:iam::348201957364:user/ops/alice']),
      errors: [{ text: '"arn:aws:iam::348201957364:user/ops/alice"', message: ['user alice', 'arn:aws:iam::348201957364:role/<role-name>'] }],
    },
  ],
});

describe('rule principal-user with values known only at deploy time', () => {
  it('stays quiet when the principal is not literal', () => assertQuietWithUnknowns(rule, trust('${aws_iam_user.ci.arn}')));
});
