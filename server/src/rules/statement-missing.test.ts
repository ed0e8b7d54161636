import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './statement-missing';

const ec2 = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };

ruleTester(rule, {
  valid: [
    policy(ec2),
    { name: 'a single statement object', code: JSON.stringify({ Version: '2012-10-17', Statement: ec2 }) },
    { name: 'element names are read ignoring case', code: JSON.stringify({ Version: '2012-10-17', statement: [ec2] }) },
    { name: 'a list is not a policy (type-mismatch says so)', code: '[]' },
  ],
  invalid: [
    { code: '{\n  "Version": "2012-10-17"\n}', errors: [{ text: '{', message: ['no "Statement"', 'rejects'], severity: 'error' }] },
    { code: '{"Version": "2012-10-17", "Statement": []}', errors: [{ text: '[]', message: 'empty list' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'the whole policy is a template expression', code: '"${data.aws_iam_policy_document.trust.json}"' },
  { name: 'Statement from a variable', code: '{"Version": "2012-10-17", "Statement": "${local.statements}"}' },
  {
    name: 'a missing Statement is still missing when Version is unknown',
    code: '{"Version": "${var.version}"}',
    errors: [{ text: '{', message: 'no "Statement"' }],
  },
]);
