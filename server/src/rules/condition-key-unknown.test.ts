import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './condition-key-unknown';

const deploy = { AWS: 'arn:aws:iam::210987654321:role/Deploy' };
const github = { Federated: 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com' };
const eks = { Federated: 'arn:aws:iam::210987654321:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C1B3F7A9D2E4B6C8A0F1E3D5B7C9A2E' };
const keycloak = { Federated: 'arn:aws:iam::210987654321:oidc-provider/sso.acme-corp.example/realms/ci' };
const okta = { Federated: 'arn:aws:iam::210987654321:saml-provider/Okta' };
const stmt = (Principal: unknown, Action: unknown, Condition: unknown, Effect = 'Allow') => ({ Effect, Principal, Action, Condition });
const assume = (Condition: unknown) => stmt(deploy, 'sts:AssumeRole', Condition);

ruleTester(rule, {
  valid: [
    { name: 'global keys, any case', code: policy(assume({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'AWS:principalaccount': '210987654321' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } })) },
    { name: 'tag keys with any suffix', code: policy(assume({ StringEquals: { 'aws:PrincipalTag/team': 'payments', 'aws:RequestTag/project': 'x', 'aws:ResourceTag/env': 'prod' } })) },
    { name: 'keys of sts:AssumeRole', code: policy(assume({ StringLike: { 'sts:RoleSessionName': '${aws:username}', 'sts:SourceIdentity': '*@acme-corp.example' }, 'ForAllValues:StringEquals': { 'sts:TransitiveTagKeys': ['team'] } })) },
    { name: 'a cross-service key of the role session', code: policy(assume({ ArnEquals: { 'ec2:SourceInstanceArn': 'arn:aws:ec2:eu-west-1:210987654321:instance/i-0abc' } })) },
    {
      name: 'GitHub claims, from the provider table and the IAM data',
      code: policy(stmt(github, 'sts:AssumeRoleWithWebIdentity', { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme-corp/api:ref:refs/heads/main', 'token.actions.githubusercontent.com:repository_owner_id': '1234567' } })),
    },
    { name: 'EKS claims', code: policy(stmt(eks, 'sts:AssumeRoleWithWebIdentity', { StringEquals: { 'oidc.eks.eu-west-1.amazonaws.com/id/5C1B3F7A9D2E4B6C8A0F1E3D5B7C9A2E:sub': 'system:serviceaccount:payments:api' } })) },
    { name: 'any claim of an issuer IAM Trust has no table for, when the statement trusts it', code: policy(stmt(keycloak, 'sts:AssumeRoleWithWebIdentity', { StringEquals: { 'sso.acme-corp.example/realms/ci:groups': 'deployers' } })) },
    { name: 'SAML keys', code: policy(stmt(okta, 'sts:AssumeRoleWithSAML', { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml', 'saml:sub': 'alice' } })) },
    { name: 'Cognito keys', code: policy(stmt({ Federated: 'cognito-identity.amazonaws.com' }, 'sts:AssumeRoleWithWebIdentity', { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:0f4c9c4e-1b7d-4f0e-9a55-2c1e8b3a7d10' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } })) },
    { name: 'sts:ExternalId is external-id-weak\'s', code: policy(stmt(github, 'sts:AssumeRoleWithWebIdentity', { StringEquals: { 'sts:ExternalId': 'f3a9c1e2' } })) },
    { name: 'sts:SourceIdentity with SetSourceIdentity', code: policy(stmt(deploy, ['sts:AssumeRole', 'sts:SetSourceIdentity'], { StringLike: { 'sts:SourceIdentity': '*' } })) },
  ],
  invalid: [
    {
      name: 'a misspelt global key',
      code: policy(assume({ StringEquals: { 'aws:PrincipleOrgID': 'o-a1b2c3d4e5' } })),
      errors: [{ text: '"aws:PrincipleOrgID"', message: ['IAM knows no condition key "aws:PrincipleOrgID"', 'nobody can assume the role through this statement', 'Did you mean "aws:PrincipalOrgID"?'], severity: 'warning' }],
    },
    { name: 'a misspelt tag key keeps its tag', code: policy(assume({ StringEquals: { 'aws:PrincipalTg/team': 'payments' } })), errors: [{ text: '"aws:PrincipalTg/team"', message: 'Did you mean "aws:PrincipalTag/team"?' }] },
    { name: 'under IfExists the condition restricts nothing', code: policy(assume({ StringEqualsIfExists: { 'aws:SourceAcount': '210987654321' } })), errors: [{ text: '"aws:SourceAcount"', message: ['always true and restricts nothing', '"aws:SourceAccount"'] }] },
    { name: 'in a Deny', code: policy(stmt({ AWS: '*' }, 'sts:AssumeRole', { StringNotEquals: { 'aws:PrincipalOrgIDs': 'o-a1b2c3d4e5' } }, 'Deny'), assume({})), errors: [{ text: '"aws:PrincipalOrgIDs"', message: 'this Deny applies to every caller it names' }] },
    {
      name: 'a misspelt GitHub claim',
      code: policy(stmt(github, 'sts:AssumeRoleWithWebIdentity', { StringLike: { 'token.actions.githubusercontent.com:sbu': 'repo:acme-corp/api:*' } })),
      errors: [{ text: '"token.actions.githubusercontent.com:sbu"', message: 'Did you mean "token.actions.githubusercontent.com:sub"?' }],
    },
    {
      name: 'a GitHub claim IAM does not evaluate',
      code: policy(stmt(github, 'sts:AssumeRoleWithWebIdentity', { StringEquals: { 'token.actions.githubusercontent.com:repository_owner': 'acme-corp' } })),
      errors: [{ text: '"token.actions.githubusercontent.com:repository_owner"' }],
    },
    {
      name: 'a claim of a provider the statement does not trust',
      code: policy(assume({ StringEquals: { 'sso.acme-corp.example/realms/ci:groups': 'deployers' } })),
      errors: [{ text: '"sso.acme-corp.example/realms/ci:groups"' }],
    },
    {
      name: 'an STS key of another action (catalogue D: sts:DurationSeconds is not an AssumeRole key)',
      code: policy(assume({ NumericLessThanEquals: { 'sts:DurationSeconds': '3600' } })),
      errors: [{ text: '"sts:DurationSeconds"', message: ['sts:GetWebIdentityToken', 'not of sts:AssumeRole', 'never carries it'] }],
    },
    { name: 'a SAML key misspelt', code: policy(stmt(okta, 'sts:AssumeRoleWithSAML', { StringEquals: { 'SAML:adu': 'https://signin.aws.amazon.com/saml' } })), errors: [{ text: '"SAML:adu"', message: 'Did you mean "SAML:aud"?' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'a provider claim with a deploy-time provider', code: policy(stmt({ Federated: '${aws_iam_openid_connect_provider.ci.arn}' }, 'sts:AssumeRoleWithWebIdentity', { StringEquals: { 'sso.acme-corp.example/realms/ci:groups': 'deployers' } })) },
  { name: 'an STS key with a deploy-time action', code: policy(stmt(deploy, '${var.action}', { NumericLessThanEquals: { 'sts:DurationSeconds': '3600' } })) },
  { name: 'a key written as a placeholder', code: policy(assume({ StringEquals: { '${var.key}': 'x' } })) },
  {
    name: 'a misspelt global key stays a finding whatever the values',
    code: policy(stmt('${var.principal}', '${var.action}', { StringEquals: { 'aws:PrincipleOrgID': '${var.org}' } })),
    errors: [{ text: '"aws:PrincipleOrgID"', message: 'aws:PrincipalOrgID' }],
  },
]);
