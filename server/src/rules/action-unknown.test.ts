import * as assert from 'assert';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './action-unknown';

const acting = (Action: string | string[]) => policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:role/Deploy' }, Action });

ruleTester(rule, {
  valid: [
    acting(['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext']),
    { name: 'IAM compares action names ignoring case', code: acting('sts:assumeRole') },
    { name: 'other services are action-not-sts\'s', code: acting('s3:GetObject') },
  ],
  invalid: [
    { name: 'typo', code: acting('sts:AssumeRol'), errors: [{ text: '"sts:AssumeRol"', message: ['STS has no action', 'did you mean "sts:AssumeRole"?'], severity: 'error' }] },
    { name: 'typo of a non-trust action still finds it', code: acting('sts:GetCallerIdentiy'), errors: [{ text: '"sts:GetCallerIdentiy"', message: 'did you mean "sts:GetCallerIdentity"?' }] },
    {
      name: 'exists, but not in a trust policy',
      code: acting(['sts:AssumeRole', 'sts:GetCallerIdentity']),
      errors: [{ text: '"sts:GetCallerIdentity"', message: ['sts:GetCallerIdentity exists', 'does not belong in a trust policy', 'sts:SetContext'] }],
    },
    { name: 'a pattern that grants nothing', code: acting('sts:Get*'), errors: [{ text: '"sts:Get*"', message: 'grants nothing' }] },
    { name: 'nothing close: lists the trust actions', code: acting('sts:Teleport'), errors: [{ text: '"sts:Teleport"', message: 'A trust policy allows sts:AssumeRole' }] },
  ],
});

unknownValueTester(rule, [{ name: 'action from a variable', code: acting('${var.assume_action}') }]);

describe('rule action-unknown quick fix', () => {
  it('corrects the typo', () => {
    const code = (a: string) => compactPolicy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: a });
    assert.strictEqual(fixed(code('sts:AsumeRole'), rule), code('sts:AssumeRole'));
  });
});
