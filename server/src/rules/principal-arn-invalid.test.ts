import * as assert from 'assert';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './principal-arn-invalid';

const trusting = (AWS: string | string[]) => policy({ Effect: 'Allow', Principal: { AWS }, Action: 'sts:AssumeRole' });

ruleTester(rule, {
  valid: [
    trusting(['210987654321', 'arn:aws:iam::210987654321:root', 'arn:aws:iam::210987654321:role/Deploy', 'arn:aws:iam::210987654321:role/service-role/ci/Deploy']),
    trusting(['arn:aws:iam::210987654321:user/ops', 'arn:aws:sts::210987654321:assumed-role/Deploy/jane', 'arn:aws:sts::210987654321:federated-user/jane']),
    trusting(['arn:aws-cn:iam::210987654321:root', 'arn:aws-us-gov:iam::210987654321:role/Deploy', '*']),
    { name: 'patterns are principal-partial-wildcard\'s', code: trusting(['arn:aws:iam::*:root', 'arn:aws:iam::210987654321:role/dev-*']) },
    { name: 'unique ids are principal-unique-id\'s', code: trusting('AROA4EXAMPLE7EXAMPLE3') },
  ],
  invalid: [
    { name: 'group', code: trusting('arn:aws:iam::210987654321:group/admins'), errors: [{ text: '"arn:aws:iam::210987654321:group/admins"', message: 'an IAM group cannot be a principal', severity: 'error' }] },
    { name: 'unknown partition', code: trusting('arn:amazon:iam::210987654321:root'), errors: [{ text: '"arn:amazon:iam::210987654321:root"', message: '"amazon" is not an AWS partition' }] },
    { name: '11-digit account', code: trusting('arn:aws:iam::21098765432:root'), errors: [{ text: '"arn:aws:iam::21098765432:root"', message: 'not a 12-digit account id' }] },
    { name: 'a name that is not an account id or ARN', code: trusting('Deploy'), errors: [{ text: '"Deploy"', message: 'neither a 12-digit account id nor an IAM ARN' }] },
    { name: 'assumed-role under iam', code: trusting('arn:aws:iam::210987654321:assumed-role/Deploy/jane'), errors: [{ text: '"arn:aws:iam::210987654321:assumed-role/Deploy/jane"', message: 'Did you mean "arn:aws:sts::210987654321:assumed-role/Deploy/jane"?' }] },
    { name: 'assumed-role without a session', code: trusting('arn:aws:sts::210987654321:assumed-role/Deploy'), errors: [{ text: '"arn:aws:sts::210987654321:assumed-role/Deploy"', message: 'trust the role ARN' }] },
    { name: 'a region in the ARN', code: trusting('arn:aws:iam:us-east-1:210987654321:role/Deploy'), errors: [{ text: '"arn:aws:iam:us-east-1:210987654321:role/Deploy"', message: 'no region' }] },
    { name: 'a role name with a space', code: trusting('arn:aws:iam::210987654321:role/Deploy role'), errors: [{ text: '"arn:aws:iam::210987654321:role/Deploy role"', message: 'not a valid role name' }] },
    { name: 'a service under AWS', code: trusting('lambda.amazonaws.com'), errors: [{ text: '"lambda.amazonaws.com"', message: 'move it under "Service"' }] },
    { name: 'an identity provider under AWS', code: trusting('arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com'), errors: [{ text: '"arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com"', message: 'move it under "Federated"' }] },
    { name: 'an account id with dashes', code: trusting('2109-8765-4321'), errors: [{ text: '"2109-8765-4321"', message: 'Did you mean "210987654321"?' }] },
  ],
});

unknownValueTester(rule, [{ name: 'account id from a variable', code: trusting(['${var.account_id}', 'arn:aws:iam::210987654321:root']) }]);

describe('rule principal-arn-invalid quick fix', () => {
  it('moves an assumed-role ARN to sts', () => {
    const code = compactPolicy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:assumed-role/Deploy/jane' }, Action: 'sts:AssumeRole' });
    assert.strictEqual(fixed(code, rule), code.replace(':iam::', ':sts::'));
  });
});
