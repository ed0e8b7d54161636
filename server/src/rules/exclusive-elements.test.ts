import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { rule } from './exclusive-elements';

const ecs = { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' };

ruleTester(rule, {
  valid: [policy(ecs), policy({ ...ecs, Action: undefined, NotAction: 'sts:TagSession' }), policy({ ...ecs, Principal: undefined, NotPrincipal: { AWS: '*' } })],
  invalid: [
    { code: compactPolicy({ ...ecs, NotAction: 'sts:TagSession' }), errors: [{ text: '"NotAction"', message: ['both "Action" and "NotAction"', 'rejects', 'Keep "Action"'], severity: 'error' }] },
    {
      name: 'on whichever comes second',
      code: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "sts:TagSession", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}',
      errors: [{ text: '"Action"' }],
    },
    { name: 'Principal with NotPrincipal', code: compactPolicy({ ...ecs, NotPrincipal: { AWS: 'arn:aws:iam::210987654321:root' } }), errors: [{ text: '"NotPrincipal"', message: ['both "Principal" and "NotPrincipal"', 'Keep "Principal"'] }] },
    {
      name: 'element names in any case',
      code: compactPolicy({ ...ecs, notaction: 'sts:TagSession', notPrincipal: { AWS: '*' } }),
      errors: [{ text: '"notaction"', message: 'both "Action" and "notaction"' }, { text: '"notPrincipal"' }],
    },
  ],
});
