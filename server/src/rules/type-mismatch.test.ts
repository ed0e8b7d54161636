import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { VENDOR_STATEMENT } from './groupA.testing';
import { rule } from './type-mismatch';

const vendor = VENDOR_STATEMENT;

ruleTester(rule, {
  valid: [
    policy(vendor),
    { name: 'a single statement object', code: JSON.stringify({ Version: '2012-10-17', Id: 'vendor-trust', Statement: vendor }) },
    { name: 'lists of principals and actions', code: policy({ ...vendor, Principal: { AWS: ['210987654321', 'arn:aws:iam::210987654321:role/Ci'], Service: ['ec2.amazonaws.com'] }, Action: ['sts:AssumeRole', 'sts:TagSession'] }) },
    { name: 'the bare string "*" (principal-bare-wildcard reports it)', code: policy({ ...vendor, Principal: '*' }) },
    {
      name: 'condition values may be strings, numbers, booleans and lists of them',
      code: policy({ ...vendor, Condition: { Bool: { 'aws:MultiFactorAuthPresent': true }, NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 }, StringLike: { 'aws:PrincipalArn': ['a', 'b'] } } }),
    },
    { name: 'element names are read ignoring case', code: compactPolicy({ effect: 'Allow', principal: { AWS: '*' }, action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    { code: compactPolicy({ ...vendor, Effect: 1 }), errors: [{ text: '1', message: 'Effect must be the string "Allow" or "Deny", not a number: IAM rejects the policy.', severity: 'error' }] },
    { code: compactPolicy({ ...vendor, Sid: 7 }), errors: [{ text: '7', message: 'Sid must be a string of letters and digits, not a number' }] },
    {
      name: 'Principal as a list',
      code: compactPolicy({ ...vendor, Principal: ['arn:aws:iam::464622532012:role/DatadogIntegration'] }),
      errors: [{ text: '["arn:aws:iam::464622532012:role/DatadogIntegration"]', message: 'Principal must be an object such as {"AWS": "<role ARN>"}, not a list' }],
    },
    {
      name: 'Principal as a plain ARN string',
      code: compactPolicy({ ...vendor, Principal: 'arn:aws:iam::464622532012:role/DatadogIntegration' }),
      errors: [{ text: '"arn:aws:iam::464622532012:role/DatadogIntegration"', message: 'Principal must be an object such as {"AWS": "<role ARN>"}, not a string: IAM rejects the policy. Only "*" may be written as a plain string.' }],
    },
    { name: 'an account id as a number', code: compactPolicy({ ...vendor, Principal: { AWS: 464622532012 } }), errors: [{ text: '464622532012', message: 'The "AWS" principals must be a string or a list of strings, not a number' }] },
    { name: 'a principal list item', code: compactPolicy({ ...vendor, Principal: { Service: ['ec2.amazonaws.com', { name: 'lambda' }] } }), errors: [{ text: '{"name":"lambda"}', message: 'Each "Service" principal must be a string, not an object' }] },
    { name: 'NotPrincipal is typed like Principal', code: compactPolicy({ ...vendor, NotPrincipal: 5 }), errors: [{ text: '5', message: 'NotPrincipal must be an object' }] },
    { name: 'Action as an object', code: compactPolicy({ ...vendor, Action: { sts: 'AssumeRole' } }), errors: [{ text: '{"sts":"AssumeRole"}', message: 'Action must be a string or a list of strings, not an object' }] },
    { name: 'an action that is null', code: compactPolicy({ ...vendor, NotAction: ['sts:TagSession', null] }), errors: [{ text: 'null', message: 'Each action in NotAction must be a string, not null' }] },
    { name: 'Condition as a list', code: compactPolicy({ ...vendor, Condition: [{ StringEquals: {} }] }), errors: [{ text: '[{"StringEquals":{}}]', message: 'Condition must be an object of operators' }] },
    { name: 'an operator holding a string', code: compactPolicy({ ...vendor, Condition: { StringEquals: 'sts:ExternalId' } }), errors: [{ text: '"sts:ExternalId"', message: 'The condition operator "StringEquals" must hold an object of condition keys' }] },
    {
      name: 'a condition value that is an object, and a list item that is a list',
      code: compactPolicy({ ...vendor, Condition: { StringEquals: { 'sts:ExternalId': { id: 'x' } }, StringLike: { 'aws:PrincipalArn': ['a', ['b']] } } }),
      errors: [
        { text: '{"id":"x"}', message: 'The condition key "sts:ExternalId" must have a string, number or boolean value, or a list of them, not an object' },
        { text: '["b"]', message: 'Each value of the condition key "aws:PrincipalArn" must be a string, number or boolean, not a list' },
      ],
    },
    { name: 'Version as a number', code: '{"Version": 2012, "Statement": []}', errors: [{ text: '2012', message: 'Version must be the string "2012-10-17", not a number' }] },
    { name: 'Id as a boolean', code: '{"Version": "2012-10-17", "Id": true, "Statement": []}', errors: [{ text: 'true', message: 'Id must be a string, not a boolean' }] },
    { name: 'Statement as a string', code: '{"Version": "2012-10-17", "Statement": "Allow"}', errors: [{ text: '"Allow"', message: 'Statement must be a statement object or a list of statement objects, not a string' }] },
    { name: 'a statement that is a list', code: '{"Version": "2012-10-17", "Statement": [[]]}', errors: [{ text: '[]', message: 'Each statement must be an object, not a list' }] },
    { name: 'a policy that is a list', code: '[{"Version": "2012-10-17"}]', errors: [{ text: '[{"Version": "2012-10-17"}]', message: 'A policy must be an object' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'the whole policy from a variable', code: '"${local.policy}"' },
  { name: 'statements from a variable', code: '{"Version": "2012-10-17", "Statement": "${local.statements}"}' },
  { name: 'one statement from a variable', code: '{"Version": "2012-10-17", "Statement": ["${local.statement}"]}' },
  {
    name: 'elements from variables',
    code: compactPolicy({ Sid: '${var.sid}', Effect: '${var.effect}', Principal: '${local.principal}', Action: ['${var.action}'], Condition: '${local.condition}' }),
  },
  { name: 'principal values from variables', code: compactPolicy({ ...vendor, Principal: { AWS: '${var.accounts}', Service: ['${var.service}'] } }) },
  { name: 'condition parts from variables', code: compactPolicy({ ...vendor, Condition: { StringEquals: '${local.equals}', StringLike: { 'aws:PrincipalArn': '${var.arns}', 'aws:SourceArn': ['${var.arn}'] } } }) },
  {
    name: 'a known mismatch next to unknown values still counts',
    code: compactPolicy({ ...vendor, Effect: 1, Principal: { AWS: '${var.accounts}' } }),
    errors: [{ text: '1', message: 'Effect must be' }],
  },
]);
