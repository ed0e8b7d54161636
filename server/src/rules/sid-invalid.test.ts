import * as assert from 'assert';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { cleanSid, rule } from './sid-invalid';

const ec2 = { Sid: 'AllowEc2Instances', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };

ruleTester(rule, {
  valid: [
    policy(ec2),
    policy({ ...ec2, Sid: '1' }),
    { name: 'no Sid', code: policy({ ...ec2, Sid: undefined }) },
    { name: 'an empty Sid is empty-value\'s', code: policy({ ...ec2, Sid: '' }) },
    { name: 'a number is type-mismatch\'s', code: policy({ ...ec2, Sid: 1 }) },
  ],
  invalid: [
    {
      code: compactPolicy({ ...ec2, Sid: 'Allow GitHub-deploy' }),
      errors: [{ text: '"Allow GitHub-deploy"', message: ['letters A-Z, a-z and digits 0-9', 'space, "-"', 'Write "AllowGitHubDeploy"'], severity: 'error' }],
    },
    { name: 'underscores', code: compactPolicy({ ...ec2, Sid: 'ci_deploy_role' }), errors: [{ text: '"ci_deploy_role"', message: ['"_"', 'Write "CiDeployRole"'] }] },
    { name: 'letters outside ASCII', code: compactPolicy({ ...ec2, Sid: 'Zugriffsrechteü' }), errors: [{ text: '"Zugriffsrechteü"', message: '"ü"' }] },
    { name: 'nothing usable left', code: compactPolicy({ ...ec2, Sid: '***' }), errors: [{ text: '"***"', message: 'Use letters and digits only.' }] },
  ],
});

unknownValueTester(rule, [{ name: 'a Sid from a variable', code: compactPolicy({ ...ec2, Sid: '${var.statement_id}' }) }]);

describe('rule sid-invalid quick fix', () => {
  it('drops the characters IAM refuses', () => {
    assert.strictEqual(fixed(compactPolicy({ ...ec2, Sid: 'allow-ec2' }), rule), compactPolicy({ ...ec2, Sid: 'AllowEc2' }));
  });
  it('keeps letters and digits as written', () => {
    assert.strictEqual(cleanSid('GitHub OIDC 2'), 'GitHubOIDC2');
  });
});
