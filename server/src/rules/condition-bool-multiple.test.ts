import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './condition-bool-multiple';

const stmt = (Condition: unknown) => ({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/BreakGlass' }, Action: 'sts:AssumeRole', Condition });

ruleTester(rule, {
  valid: [policy(stmt({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })), policy(stmt({ Bool: { 'aws:MultiFactorAuthPresent': ['true'] } })), policy(stmt({ StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] } }))],
  invalid: [
    {
      name: 'true and false',
      code: policy(stmt({ Bool: { 'aws:MultiFactorAuthPresent': ['true', 'false'] } })),
      errors: [{ text: '[\n            "true",\n            "false"\n          ]', message: ['OR-ed', 'only required to be present'], severity: 'error' }],
    },
    { name: 'the same value twice, as JSON booleans', code: JSON.stringify({ Version: '2012-10-17', Statement: [stmt({ BoolIfExists: { 'aws:SecureTransport': [true, true] } })] }), errors: [{ text: '[true,true]', message: 'this list gives 2' }] },
  ],
});

unknownValueTester(rule, [{ name: 'a deploy-time item may vanish at deploy time', code: policy(stmt({ Bool: { 'aws:MultiFactorAuthPresent': ['true', '${var.extra}'] } })) }]);
