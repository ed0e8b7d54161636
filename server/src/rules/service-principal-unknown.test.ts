import * as assert from 'assert';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './service-principal-unknown';

const trusting = (Service: string | string[], extra: object = {}) => policy({ Effect: 'Allow', Principal: { Service, ...extra }, Action: 'sts:AssumeRole' });

ruleTester(rule, {
  valid: [
    trusting(['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'pods.eks.amazonaws.com', 'states.amazonaws.com', 'scheduler.amazonaws.com']),
    { name: 'regional form of a known service', code: trusting('logs.eu-west-1.amazonaws.com') },
    { name: 'China suffix in a China policy', code: trusting('ec2.amazonaws.com.cn', { AWS: 'arn:aws-cn:iam::210987654321:root' }) },
    { name: 'global form in a China policy', code: trusting('ec2.amazonaws.com', { AWS: 'arn:aws-cn:iam::210987654321:root' }) },
    { name: 'patterns are principal-partial-wildcard\'s', code: trusting('*.amazonaws.com') },
  ],
  invalid: [
    {
      name: 'typo: closest suggestion, and how to correct the catalogue',
      code: trusting('lamda.amazonaws.com'),
      errors: [{ text: '"lamda.amazonaws.com"', message: ['did you mean "lambda.amazonaws.com"?', 'may be out of date', '"service-principal-unknown": "off"'], severity: 'error' }],
    },
    { name: 'plausible but unknown', code: trusting('teleport.amazonaws.com'), errors: [{ text: '"teleport.amazonaws.com"', message: ['not a service principal IAM Trust knows', 'service-principals.json'] }] },
    { name: 'wildcard service', code: trusting('*'), errors: [{ text: '"*"', message: 'does not accept "*" as a service principal' }] },
    { name: 'bare service name', code: trusting('ecs-tasks'), errors: [{ text: '"ecs-tasks"', message: 'did you mean "ecs-tasks.amazonaws.com"?' }] },
    { name: 'with a scheme', code: trusting('https://codebuild.amazonaws.com/'), errors: [{ text: '"https://codebuild.amazonaws.com/"', message: 'did you mean "codebuild.amazonaws.com"?' }] },
    { name: 'an ARN under Service', code: trusting('arn:aws:iam::210987654321:role/Deploy'), errors: [{ text: '"arn:aws:iam::210987654321:role/Deploy"', message: 'belongs under "AWS"' }] },
    { name: 'capitals', code: trusting('Lambda.amazonaws.com'), errors: [{ text: '"Lambda.amazonaws.com"', message: 'write "lambda.amazonaws.com"', severity: 'warning' }] },
    {
      name: 'China suffix while the policy\'s ARNs are in aws',
      code: trusting('ec2.amazonaws.com.cn', { AWS: 'arn:aws:iam::210987654321:root' }),
      errors: [{ text: '"ec2.amazonaws.com.cn"', message: ['aws-cn partition', 'ARNs are in aws', 'Write "ec2.amazonaws.com"'], severity: 'error' }],
    },
    {
      name: 'China suffix with nothing telling the partition: a hint',
      code: trusting('ec2.amazonaws.com.cn'),
      errors: [{ text: '"ec2.amazonaws.com.cn"', message: 'only the aws-cn partition knows', severity: 'hint' }],
    },
    {
      name: 'ISO suffix in a commercial policy (partition read from a condition ARN)',
      code: policy({ Effect: 'Allow', Principal: { Service: 'lambda.c2s.ic.gov' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:lambda:us-east-1:210987654321:function:*' } } }),
      errors: [{ text: '"lambda.c2s.ic.gov"', message: 'aws-iso partition', severity: 'error' }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'service from a variable', code: trusting(['${var.service_principal}', 'lambda.amazonaws.com']) },
  { name: 'a literal typo next to a variable still counts', code: trusting(['${var.service_principal}', 'lamda.amazonaws.com']), errors: [{ text: '"lamda.amazonaws.com"' }] },
]);

describe('rule service-principal-unknown quick fixes', () => {
  const code = (service: string) => compactPolicy({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
  it('writes the global form for a partition suffix', () => {
    assert.strictEqual(fixed(code('ec2.amazonaws.com.cn'), rule), code('ec2.amazonaws.com'));
  });
  it('corrects a bare service name', () => {
    assert.strictEqual(fixed(code('lambda'), rule), code('lambda.amazonaws.com'));
  });
});
