import * as assert from 'assert';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './federated-principal-invalid';

const trusting = (Federated: string | string[]) => policy({ Effect: 'Allow', Principal: { Federated }, Action: 'sts:AssumeRoleWithWebIdentity' });

ruleTester(rule, {
  valid: [
    trusting(['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com']),
    trusting('arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com'),
    trusting('arn:aws:iam::210987654321:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C6F1A7D2B3E4F5A6B7C8D9E0F1A2B3C'),
    trusting('arn:aws:iam::210987654321:saml-provider/Okta_Prod'),
    { name: 'patterns are principal-partial-wildcard\'s', code: trusting('arn:aws:iam::210987654321:oidc-provider/*') },
  ],
  invalid: [
    {
      name: 'https:// inside the oidc-provider ARN',
      code: trusting('arn:aws:iam::210987654321:oidc-provider/https://token.actions.githubusercontent.com'),
      errors: [{ text: '"arn:aws:iam::210987654321:oidc-provider/https://token.actions.githubusercontent.com"', message: ['drop "https://"', 'Write "arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com"'], severity: 'error' }],
    },
    {
      name: 'the issuer URL instead of the provider ARN',
      code: trusting('https://token.actions.githubusercontent.com'),
      errors: [{ text: '"https://token.actions.githubusercontent.com"', message: ['ARN of the IAM OIDC provider', 'arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com'] }],
    },
    { name: 'a service under Federated', code: trusting('lambda.amazonaws.com'), errors: [{ text: '"lambda.amazonaws.com"', message: 'move it under "Service"' }] },
    { name: 'an account under Federated', code: trusting('arn:aws:iam::210987654321:root'), errors: [{ text: '"arn:aws:iam::210987654321:root"', message: 'move it under "AWS"' }] },
    { name: 'wildcard', code: trusting('*'), errors: [{ text: '"*"', message: 'no wildcard identity provider' }] },
    { name: 'bad account in the ARN', code: trusting('arn:aws:iam::2109876543:saml-provider/Okta'), errors: [{ text: '"arn:aws:iam::2109876543:saml-provider/Okta"', message: 'not a 12-digit account id' }] },
    { name: 'unknown provider type', code: trusting('arn:aws:iam::210987654321:oidc/token.actions.githubusercontent.com'), errors: [{ text: '"arn:aws:iam::210987654321:oidc/token.actions.githubusercontent.com"', message: 'not oidc-provider/HOST or saml-provider/NAME' }] },
    { name: 'misspelled web identity provider', code: trusting('accounts.google.co'), errors: [{ text: '"accounts.google.co"', message: 'Write "accounts.google.com"' }] },
  ],
});

unknownValueTester(rule, [{ name: 'provider ARN from a resource attribute', code: trusting('${aws_iam_openid_connect_provider.github.arn}') }]);

describe('rule federated-principal-invalid quick fix', () => {
  it('drops the scheme from the provider ARN', () => {
    const code = (arn: string) => compactPolicy({ Effect: 'Allow', Principal: { Federated: arn }, Action: 'sts:AssumeRoleWithWebIdentity' });
    assert.strictEqual(
      fixed(code('arn:aws:iam::210987654321:oidc-provider/https://gitlab.com'), rule),
      code('arn:aws:iam::210987654321:oidc-provider/gitlab.com'),
    );
  });
});
