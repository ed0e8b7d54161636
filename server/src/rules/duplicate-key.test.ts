import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './duplicate-key';

const vendor = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::464622532012:role/DatadogIntegration' }, Action: 'sts:AssumeRole' };
const head = '{"Version": "2012-10-17", "Statement": [';

ruleTester(rule, {
  valid: [
    policy(vendor),
    policy({ ...vendor, Condition: { StringEquals: { 'sts:ExternalId': 'f3a9c1d27b8e4e06' }, Bool: { 'aws:SecureTransport': 'true' } } }),
    { name: 'the same key in different objects', code: policy(vendor, { ...vendor, Action: 'sts:TagSession' }) },
  ],
  invalid: [
    {
      code: `${head}{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::464622532012:root"}, "Action": "sts:AssumeRole", "effect": "Deny"}]}`,
      errors: [{ text: '"effect"', message: ['"effect" repeats "Effect"', 'differ only in case', 'silently drops'], severity: 'error' }],
    },
    {
      name: 'a condition key twice: one ExternalId is silently lost',
      code: `${head}{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::464622532012:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "f3a9c1d27b8e4e06", "sts:ExternalId": "other"}}}]}`,
      errors: [{ text: '"sts:ExternalId"', message: '"sts:ExternalId" appears twice' }],
    },
    {
      name: 'a principal type twice',
      code: `${head}{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com", "Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`,
      errors: [{ text: '"Service"', message: 'Merge them into one "Service"' }],
    },
    {
      name: 'Statement twice at policy level',
      code: '{"Version": "2012-10-17", "Statement": [], "Statement": []}',
      errors: [{ text: '"Statement"' }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'the whole policy from a variable', code: '"${local.policy}"' },
  {
    name: 'keys are literal even when values are not',
    code: '{"Version": "${var.v}", "version": "${var.v}"}',
    errors: [{ text: '"version"' }],
  },
]);
