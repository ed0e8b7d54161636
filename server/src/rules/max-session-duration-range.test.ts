import { ruleTester } from '../testing/ruleTester';
import { rule } from './max-session-duration-range';
import { roleTemplate, TEMPLATE } from './sessionDuration.testing';

const at = (maxSessionDuration?: string) => ({ code: roleTemplate({ maxSessionDuration }), filePath: TEMPLATE });

ruleTester(rule, {
  valid: [
    at(),
    at('3600'),
    at('43200'),
    at('"7200"'),
    at('!Ref SessionSeconds'),
    at('!If [IsProd, 3600, 100]'),
    { name: 'a plain policy has no role', code: '{"Version": "2012-10-17", "Statement": []}' },
    {
      name: 'JSON template, long-form intrinsic',
      code: '{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"MaxSessionDuration": {"Ref": "D"}, "AssumeRolePolicyDocument": {"Statement": []}}}}}',
      filePath: 'template.json',
    },
  ],
  invalid: [
    { ...at('900'), errors: [{ text: '900', message: ['MaxSessionDuration 900 is below the minimum', '3,600 to 43,200 seconds'], severity: 'error' }] },
    { ...at('86400'), errors: [{ text: '86400', message: ['MaxSessionDuration 86400 is above the maximum', 'at most 43200'] }] },
    { ...at('43201'), errors: [{ text: '43201' }] },
    { ...at('"60"'), name: 'a numeric string, as CloudFormation converts it', errors: [{ text: '"60"' }] },
    { ...at('3600.5'), errors: [{ text: '3600.5', message: 'whole number of seconds' }] },
    { ...at('-1'), errors: [{ text: '-1' }] },
    {
      name: 'JSON template',
      code: '{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"MaxSessionDuration": 0, "AssumeRolePolicyDocument": {"Statement": []}}}}}',
      filePath: 'template.json',
      errors: [{ text: '0' }],
    },
  ],
});
