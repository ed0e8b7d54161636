import * as assert from 'assert';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './action-principal-mismatch';

const github = { Federated: 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com' };
const okta = { Federated: 'arn:aws:iam::210987654321:saml-provider/Okta' };
const deploy = { AWS: 'arn:aws:iam::210987654321:role/Deploy' };
const stmt = (Principal: object | string, Action: string | string[]) => ({ Effect: 'Allow', Principal, Action });

ruleTester(rule, {
  valid: [
    policy(stmt(github, 'sts:AssumeRoleWithWebIdentity'), stmt(okta, ['sts:AssumeRoleWithSAML', 'sts:TagSession']), stmt(deploy, 'sts:AssumeRole')),
    policy(stmt({ Federated: 'cognito-identity.amazonaws.com' }, 'sts:AssumeRoleWithWebIdentity')),
    { name: 'a role and a provider in one statement: each has its call', code: policy(stmt({ ...deploy, ...okta }, ['sts:AssumeRole', 'sts:AssumeRoleWithSAML'])) },
    { name: 'wildcards are action-wildcard\'s', code: policy(stmt(github, 'sts:*')) },
    { name: 'an invalid provider is federated-principal-invalid\'s', code: policy(stmt({ Federated: 'https://token.actions.githubusercontent.com' }, 'sts:AssumeRole')) },
  ],
  invalid: [
    {
      name: 'AssumeRole for an OIDC provider',
      code: policy(stmt(github, 'sts:AssumeRole')),
      errors: [{ text: '"sts:AssumeRole"', message: ['never call sts:AssumeRole', 'Write "sts:AssumeRoleWithWebIdentity"'], severity: 'error' }],
    },
    { name: 'AssumeRole for a SAML provider', code: policy(stmt(okta, 'sts:AssumeRole')), errors: [{ text: '"sts:AssumeRole"', message: 'Write "sts:AssumeRoleWithSAML"' }] },
    {
      name: 'SAML call for an OIDC provider',
      code: policy(stmt(github, 'sts:AssumeRoleWithSAML')),
      errors: [{ text: '"sts:AssumeRoleWithSAML"', message: ['trusts no saml-provider ARN', 'Write "sts:AssumeRoleWithWebIdentity"'] }],
    },
    {
      name: 'web identity call for a role',
      code: policy(stmt(deploy, ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity'])),
      errors: [{ text: '"sts:AssumeRoleWithWebIdentity"', message: 'trusts no oidc-provider ARN' }],
    },
    { name: 'SAML call for a service', code: policy(stmt({ Service: 'ec2.amazonaws.com' }, 'sts:AssumeRoleWithSAML')), errors: [{ text: '"sts:AssumeRoleWithSAML"', message: 'Write "sts:AssumeRole"' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'provider from a variable: it may be SAML', code: policy(stmt({ Federated: '${var.provider_arn}' }, 'sts:AssumeRoleWithSAML')) },
  { name: 'a second principal from a variable', code: policy(stmt({ ...github, AWS: '${var.ci_role}' }, ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity'])) },
  { name: 'the whole Principal from a variable', code: policy(stmt('${var.principal}', 'sts:AssumeRoleWithSAML')) },
  { name: 'action from a variable', code: policy(stmt(github, '${var.action}')) },
]);

describe('rule action-principal-mismatch quick fix', () => {
  it('writes the call the provider makes', () => {
    const code = (a: string) => compactPolicy(stmt(github, a));
    assert.strictEqual(fixed(code('sts:AssumeRole'), rule), code('sts:AssumeRoleWithWebIdentity'));
  });
});
