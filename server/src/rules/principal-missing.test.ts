import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './principal-missing';

const action = { Effect: 'Allow', Action: 'sts:AssumeRole' };

ruleTester(rule, {
  valid: [
    policy({ ...action, Principal: { Service: 'ec2.amazonaws.com' } }),
    { name: 'NotPrincipal is trust-notprincipal\'s finding', code: policy({ ...action, NotPrincipal: { AWS: '123456789012' } }) },
    { name: 'an empty Principal is empty-value\'s', code: policy({ ...action, Principal: {} }) },
  ],
  invalid: [
    {
      name: 'statement without Principal, on its opening brace',
      code: policy({ Sid: 'Ci', ...action }),
      errors: [{ text: '{', message: ['Statement "Ci" has no "Principal"', 'IAM rejects'], severity: 'error' }],
    },
    {
      name: 'only the statement that lacks it, named by position',
      code: policy({ ...action, Principal: { Service: 'ec2.amazonaws.com' } }, action),
      errors: [{ text: '{', message: 'Statement 2 has no "Principal"' }],
    },
    { name: 'a Deny needs one too', code: policy({ Effect: 'Deny', Action: 'sts:AssumeRole' }), errors: [{ text: '{' }] },
  ],
});

unknownValueTester(rule, [{ name: 'Principal known only at deploy time', code: policy({ ...action, Principal: '${var.principal}' }) }]);
