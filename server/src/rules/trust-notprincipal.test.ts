import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './trust-notprincipal';

ruleTester(rule, {
  valid: [policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/Deploy' }, Action: 'sts:AssumeRole' })],
  invalid: [
    {
      name: 'Allow with NotPrincipal would trust everyone else',
      code: policy({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::210987654321:role/Intruder' }, Action: 'sts:AssumeRole' }),
      errors: [{ text: '"NotPrincipal"', message: ['cannot use "NotPrincipal"', 'everyone except'], severity: 'error' }],
    },
    {
      name: 'Deny with NotPrincipal: suggests a condition on aws:PrincipalArn',
      code: policy({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::210987654321:role/Deploy' }, Action: 'sts:AssumeRole' }),
      errors: [{ text: '"NotPrincipal"', message: 'aws:PrincipalArn' }],
    },
  ],
});

unknownValueTester(rule, [
  {
    name: 'NotPrincipal whose value is known only at deploy time is still NotPrincipal',
    code: policy({ Effect: 'Allow', NotPrincipal: '${var.principal}', Action: 'sts:AssumeRole' }),
    errors: [{ text: '"NotPrincipal"' }],
  },
  { name: 'an unknown Effect: the advice does not depend on it', code: policy({ Effect: '${var.effect}', NotPrincipal: { AWS: '210987654321' }, Action: 'sts:AssumeRole' }), errors: [{ text: '"NotPrincipal"', message: ['cannot use "NotPrincipal"', 'Name who may assume the role under "Principal"; to refuse'] }] },
]);
