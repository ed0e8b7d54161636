import { policy, ruleTester } from '../testing/ruleTester';
import { rule } from './principal-any';

const anyone = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' };

ruleTester(rule, {
  valid: [
    policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/Deploy' }, Action: 'sts:AssumeRole' }),
    policy({ ...anyone, Effect: 'Deny' }),
  ],
  invalid: [
    { code: policy(anyone), errors: [{ text: '"*"', message: 'Any principal in any AWS account', severity: 'error' }] },
    {
      name: 'narrowed by org id: hint naming the restriction',
      code: policy({ ...anyone, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }),
      errors: [{ text: '"*"', message: 'aws:PrincipalOrgID', severity: 'hint' }],
    },
    {
      name: 'IfExists does not narrow',
      code: policy({ ...anyone, Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }),
      errors: [{ text: '"*"', severity: 'error' }],
    },
  ],
});
