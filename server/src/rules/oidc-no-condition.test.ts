import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { ACCOUNT, COGNITO, EKS_PROVIDER, GITHUB_PROVIDER, webIdentity } from './groupF.testing';
import { rule } from './oidc-no-condition';

const OKTA = 'acme.okta.com/oauth2/ausd8f7g3hJk2LmN4p5q';
const OKTA_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${OKTA}`;
const CIRCLECI = 'oidc.circleci.com/org/8c1f2a9e-4b7d-4e3a-9f60-2d5b8c7a1e94';
const CIRCLECI_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${CIRCLECI}`;

ruleTester(rule, {
  valid: [
    { name: 'a private issuer with a subject condition', code: policy(webIdentity(OKTA_PROVIDER, { StringEquals: { [`${OKTA}:sub`]: '00u1a2b3c4D5e6F7g8h9', [`${OKTA}:aud`]: '0oa9z8y7x6W5v4U3t2s1' } })) },
    { name: 'condition keys are compared ignoring case', code: policy(webIdentity(OKTA_PROVIDER, { StringEquals: { [`${OKTA.toUpperCase()}:SUB`]: '00u1a2b3c4D5e6F7g8h9' } })) },
    { name: 'CircleCI with an audience condition', code: policy(webIdentity(CIRCLECI_PROVIDER, { StringEquals: { [`${CIRCLECI}:aud`]: '8c1f2a9e-4b7d-4e3a-9f60-2d5b8c7a1e94' } })) },
    { name: 'GitHub is oidc-sub-missing\'s business', code: policy(webIdentity(GITHUB_PROVIDER)) },
    { name: 'EKS is eks-irsa-sub\'s business', code: policy(webIdentity(EKS_PROVIDER)) },
    { name: 'Amazon Cognito is cognito-aud\'s business', code: policy(webIdentity(COGNITO)) },
    { name: 'a Deny statement grants nothing', code: policy({ ...webIdentity(OKTA_PROVIDER), Effect: 'Deny' }) },
    { name: 'a statement that cannot grant AssumeRoleWithWebIdentity', code: policy(webIdentity(OKTA_PROVIDER, undefined, 'sts:TagSession')) },
  ],
  invalid: [
    {
      name: 'a private issuer with no condition',
      code: policy(webIdentity(OKTA_PROVIDER)),
      errors: [{ text: `"${OKTA_PROVIDER}"`, message: [`Any token that ${OKTA} signs`, `"${OKTA}:sub"`, `"${OKTA}:aud"`], severity: 'warning' }],
    },
    {
      name: 'CircleCI: the issuer names the organization, the subject the project',
      code: policy(webIdentity(CIRCLECI_PROVIDER, undefined, ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'])),
      errors: [{ text: `"${CIRCLECI_PROVIDER}"`, message: ['CircleCI', 'org/ORGANIZATION_ID/project/PROJECT_ID/user/USER_ID'] }],
    },
    {
      name: 'a negated condition admits every other token',
      code: policy(webIdentity(OKTA_PROVIDER, { StringNotEquals: { [`${OKTA}:sub`]: '00u0blocked' } })),
      errors: [{ text: `"${OKTA_PROVIDER}"` }],
    },
    {
      name: 'a condition on another issuer\'s claims does not count',
      code: policy(webIdentity(OKTA_PROVIDER, { StringEquals: { 'acme.okta.com:sub': '00u1a2b3c4D5e6F7g8h9' } })),
      errors: [{ text: `"${OKTA_PROVIDER}"` }],
    },
    {
      name: 'Action "*" grants web identity sign-in too',
      code: policy(webIdentity(OKTA_PROVIDER, { Bool: { 'aws:SecureTransport': 'true' } }, '*')),
      errors: [{ text: `"${OKTA_PROVIDER}"` }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'the whole Condition is known only at deploy time', code: policy({ ...webIdentity(OKTA_PROVIDER), Condition: '${var.conditions}' }) },
  { name: 'an operator block known only at deploy time', code: policy(webIdentity(OKTA_PROVIDER, { StringEquals: '${local.claims}' })) },
  { name: 'a deploy-time principal names no issuer', code: policy(webIdentity('${aws_iam_openid_connect_provider.okta.arn}')) },
  { name: 'a deploy-time subject is still a condition', code: policy(webIdentity(OKTA_PROVIDER, { StringEquals: { [`${OKTA}:sub`]: '${var.subject}' } })) },
  {
    name: 'a deploy-time statement elsewhere does not hide this one',
    code: policy(webIdentity(OKTA_PROVIDER), { Effect: 'Allow', Principal: { AWS: '${var.admin_role}' }, Action: 'sts:AssumeRole' }),
    errors: [{ text: `"${OKTA_PROVIDER}"` }],
  },
]);
