import * as assert from 'assert';
import { lint, policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { cloudFormationRole } from '../testing/statementDocuments';
import { ACCOUNT, COGNITO, EKS_PROVIDER, GITHUB, GITHUB_PROVIDER, github, githubAud, webIdentity } from './groupF.testing';
import { rule } from './oidc-sub-missing';

const GITLAB_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`;
const TERRAFORM_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/app.terraform.io`;
const BUILDKITE_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/agent.buildkite.com`;
const SUB = `${GITHUB}:sub`;

ruleTester(rule, {
  valid: [
    { name: 'one repository, one environment', code: github({ StringEquals: githubAud({ [SUB]: 'repo:acme/payments-api:environment:production' }) }) },
    { name: 'a broad subject is oidc-sub-broad\'s business', code: github({ StringLike: { [SUB]: 'repo:*' } }) },
    { name: 'IfExists still compares a claim every token has', code: github({ StringLikeIfExists: { [SUB]: 'repo:acme/*' } }) },
    { name: 'GitLab with a project subject', code: policy(webIdentity(GITLAB_PROVIDER, { StringEquals: { 'gitlab.com:sub': 'project_path:acme/infra:ref_type:branch:ref:main' } })) },
    { name: 'Google with its application id', code: policy(webIdentity('accounts.google.com', { StringEquals: { 'accounts.google.com:aud': '123456789012-abc.apps.googleusercontent.com' } })) },
    { name: 'EKS is eks-irsa-sub\'s business', code: policy(webIdentity(EKS_PROVIDER)) },
    { name: 'Cognito is cognito-aud\'s business', code: policy(webIdentity(COGNITO)) },
    { name: 'a Deny statement', code: policy({ ...webIdentity(GITHUB_PROVIDER), Effect: 'Deny' }) },
    { name: 'the statement grants only TagSession', code: policy(webIdentity(GITHUB_PROVIDER, undefined, 'sts:TagSession')) },
    {
      name: 'a Deny refuses every token outside one owner',
      code: policy(webIdentity(GITHUB_PROVIDER, { StringEquals: githubAud() }), { ...webIdentity(GITHUB_PROVIDER, { StringNotLike: { [SUB]: 'repo:acme/*' } }), Effect: 'Deny' }),
    },
  ],
  invalid: [
    {
      name: 'GitHub with no condition at all',
      code: github(),
      errors: [{ text: `"${GITHUB_PROVIDER}"`, message: ['Any repository of any GitHub user can assume this role', `"${SUB}"`, 'IAM refuses', 'repo:OWNER/REPO:ref:refs/heads/BRANCH'], severity: 'error' }],
    },
    { name: 'GitHub with only the audience', code: github({ StringEquals: githubAud() }), errors: [{ text: `"${GITHUB_PROVIDER}"`, severity: 'error' }] },
    {
      name: 'a subject only refused, never required',
      code: github({ StringEquals: githubAud(), StringNotLike: { [SUB]: 'repo:evil/*' } }),
      errors: [{ text: `"${GITHUB_PROVIDER}"`, severity: 'error' }],
    },
    {
      name: 'the owner pinned by id: safe, but IAM wants the subject',
      code: github({ StringEquals: githubAud({ [`${GITHUB}:repository_owner_id`]: '91823746' }) }),
      errors: [{ text: `"${GITHUB_PROVIDER}"`, message: ['repository_owner_id" pins', 'IAM refuses'], severity: 'warning' }],
    },
    {
      name: 'only the reusable workflow is pinned',
      code: github({ StringEquals: githubAud({ [`${GITHUB}:job_workflow_ref`]: 'acme/deploy-workflows/.github/workflows/deploy.yml@refs/heads/main' }) }),
      errors: [{ text: `"${GITHUB_PROVIDER}"`, message: ['not which repository calls it', `"${SUB}"`], severity: 'information' }],
    },
    {
      name: 'GitLab.com: unconfirmed that IAM refuses it',
      code: policy(webIdentity(GITLAB_PROVIDER, { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' } })),
      errors: [{ text: `"${GITLAB_PROVIDER}"`, message: ['Any project of any GitLab.com user', '"gitlab.com:sub"', 'unconfirmed', 'project_path:GROUP/PROJECT:ref_type:branch|tag:ref:REF'] }],
    },
    { name: 'HCP Terraform', code: policy(webIdentity(TERRAFORM_PROVIDER)), errors: [{ text: `"${TERRAFORM_PROVIDER}"`, message: 'Any workspace of any HCP Terraform organization' }] },
    {
      name: 'Buildkite with the organization slug: safe, but IAM is reported to want the subject',
      code: policy(webIdentity(BUILDKITE_PROVIDER, { StringEquals: { 'agent.buildkite.com:organization_slug': 'acme' } })),
      errors: [{ text: `"${BUILDKITE_PROVIDER}"`, severity: 'warning', message: 'organization_slug" pins' }],
    },
    {
      name: 'Google without the application id',
      code: policy(webIdentity('accounts.google.com', { StringEquals: { 'accounts.google.com:sub': '110169484474386276334' } })),
      errors: [{ text: '"accounts.google.com"', message: ['Users of any Google application', '"accounts.google.com:aud"'] }],
    },
    {
      name: 'each GitHub principal of a list',
      code: policy(webIdentity([GITHUB_PROVIDER, `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`])),
      errors: [{ text: `"${GITHUB_PROVIDER}"` }, { text: `"${GITLAB_PROVIDER}"` }],
    },
    {
      name: 'a Deny that also needs another condition to hold does not refuse everyone else',
      code: policy(webIdentity(GITHUB_PROVIDER, { StringEquals: githubAud() }), {
        ...webIdentity(GITHUB_PROVIDER, { StringNotLike: { [SUB]: 'repo:acme/*' }, Bool: { 'aws:SecureTransport': 'false' } }),
        Effect: 'Deny',
      }),
      errors: [{ text: `"${GITHUB_PROVIDER}"` }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time subject value', code: github({ StringLike: { [SUB]: '${var.subject}' } }) },
  { name: 'a deploy-time Condition', code: policy({ ...webIdentity(GITHUB_PROVIDER), Condition: '${local.github_conditions}' }) },
  { name: 'a deploy-time principal', code: policy(webIdentity('${aws_iam_openid_connect_provider.github.arn}')) },
  {
    name: 'a Deny whose principal is known only at deploy time may refuse other owners',
    code: policy(webIdentity(GITHUB_PROVIDER, { StringEquals: githubAud() }), { ...webIdentity('${var.github_provider_arn}', { StringNotLike: { [SUB]: 'repo:acme/*' } }), Effect: 'Deny' }),
  },
]);

describe('rule oidc-sub-missing in CloudFormation', () => {
  const template = (principal: string, conditions: string[]) =>
    cloudFormationRole(
      [
        '- Effect: Allow',
        `  Principal: { Federated: ${principal} }`,
        '  Action: sts:AssumeRoleWithWebIdentity',
        ...(conditions.length ? ['  Condition:', ...conditions.map((c) => `    ${c}`)] : []),
      ],
      'DeployRole',
    );

  it('fires on a literal GitHub provider with only the audience', () => {
    const yaml = template(`arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}`, ['StringEquals:', `  ${GITHUB}:aud: sts.amazonaws.com`]);
    const found = lint(yaml, rule, {}, 'template.yaml');
    assert.deepStrictEqual(found.map((f) => yaml.substr(f.span.offset, f.span.length)), [`arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}`]);
  });

  it('stays quiet when the subject comes from !Sub', () => {
    const yaml = template(`arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}`, ['StringLike:', `  ${GITHUB}:sub: !Sub repo:\${GitHubOrg}/\${Repository}:*`]);
    assert.deepStrictEqual(lint(yaml, rule, {}, 'template.yaml'), []);
  });

  it('stays quiet when the provider comes from !GetAtt', () => {
    const yaml = template('!GetAtt GitHubOidcProvider.Arn', ['StringEquals:', `  ${GITHUB}:aud: sts.amazonaws.com`]);
    assert.deepStrictEqual(lint(yaml, rule, {}, 'template.yaml'), []);
  });
});
