import { policy, ruleTester } from '../testing/ruleTester';
import { assertQuietWithUnknowns } from '../testing/unknownValues';
import { rule } from './mfa-condition-weak';

const trust = (operator: string, value: unknown, effect = 'Allow') =>
  policy({ Effect: effect, Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'sts:AssumeRole', Condition: { [operator]: { 'aws:MultiFactorAuthPresent': value } } });

ruleTester(rule, {
  valid: [
    trust('Bool', 'true'),
    trust('Bool', true),
    { name: 'the strong Deny form', code: trust('BoolIfExists', 'false', 'Deny') },
    { name: 'other operators are condition-type-mismatch\'s business', code: trust('StringEquals', 'false') },
  ],
  invalid: [
    { name: 'BoolIfExists true (on the key)', code: trust('BoolIfExists', 'true'), errors: [{ text: '"aws:MultiFactorAuthPresent"', message: ['long-term access keys', '"Bool"'], severity: 'warning' }] },
    { name: '"false" in an Allow', code: trust('Bool', 'false'), errors: [{ text: '"false"', message: 'requires nothing' }] },
    { name: 'a boolean false, key in another case', code: policy({ Effect: 'Allow', Principal: { AWS: '210987654321' }, Action: 'sts:AssumeRole', Condition: { bool: { 'AWS:MultiFactorAuthPresent': false } } }), errors: [{ text: 'false' }] },
    { name: 'Bool false in a Deny misses long-term keys', code: trust('Bool', 'false', 'Deny'), errors: [{ text: '"aws:MultiFactorAuthPresent"', message: ['not refused', 'BoolIfExists'] }] },
    { name: '"true" in a Deny refuses MFA users', code: trust('Bool', 'true', 'Deny'), errors: [{ text: '"true"', message: 'did use MFA' }] },
  ],
});

describe('rule mfa-condition-weak with values known only at deploy time', () => {
  it('stays quiet on a deploy-time value', () => assertQuietWithUnknowns(rule, trust('BoolIfExists', '${var.require_mfa}')));
});
