import { policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { ACCOUNT, EKS, EKS_PROVIDER, GITHUB, github, githubAud, webIdentity } from './groupF.testing';
import { rule } from './oidc-sub-broad';

const SUB = `${GITHUB}:sub`;
const like = (sub: unknown, more: object = {}) => github({ StringEquals: githubAud(more), StringLike: { [SUB]: sub } });
const terraform = (sub: string) =>
  policy(webIdentity(`arn:aws:iam::${ACCOUNT}:oidc-provider/app.terraform.io`, { StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' }, StringLike: { 'app.terraform.io:sub': sub } }));
const gitlab = (sub: string) => policy(webIdentity(`arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`, { StringLike: { 'gitlab.com:sub': sub } }));

ruleTester(rule, {
  valid: [
    { name: 'one branch', code: like('repo:acme/payments-api:ref:refs/heads/main') },
    { name: 'a wildcard inside the branch name', code: like('repo:acme/payments-api:ref:refs/heads/release-*') },
    { name: 'any environment name of one repository', code: like('repo:acme/payments-api:environment:*') },
    { name: 'under StringEquals "*" is literal: oidc-sub-malformed\'s business', code: github({ StringEquals: githubAud({ [SUB]: 'repo:*' }) }) },
    { name: 'an escaped "*" is literal', code: like('repo:acme/payments-api:ref:refs/heads/${*}') },
    { name: 'a customised subject template is not judged', code: like('repository_owner_id:91823746:*') },
    { name: 'a subject with a policy variable depends on the request', code: like('repo:${aws:PrincipalTag/owner}/*') },
    { name: 'a negated condition is not a grant', code: github({ StringEquals: githubAud({ [SUB]: 'repo:acme/app:ref:refs/heads/main' }), StringNotLike: { [SUB]: 'repo:*' } }) },
    { name: 'HCP Terraform: any run phase of one workspace', code: terraform('organization:acme:project:Platform:workspace:network-prod:run_phase:*') },
    { name: 'EKS is eks-irsa-sub\'s business', code: policy(webIdentity(EKS_PROVIDER, { StringLike: { [`${EKS}:sub`]: '*' } })) },
  ],
  invalid: [
    {
      name: 'any repository of any user',
      code: like('repo:*'),
      errors: [{ text: '"repo:*"', message: ['Any repository of any GitHub user can assume this role', 'the wildcard stands for the owner', 'repo:OWNER/REPO:ref:refs/heads/BRANCH'], severity: 'warning' }],
    },
    { name: 'a bare "*"', code: like('*'), errors: [{ text: '"*"', severity: 'warning' }] },
    { name: 'repo:*/*', code: like('repo:*/*'), errors: [{ text: '"repo:*/*"', severity: 'warning' }] },
    { name: 'a "?" is a wildcard too', code: like('repo:acm?/payments-api:*'), errors: [{ text: '"repo:acm?/payments-api:*"', severity: 'warning', message: 'continues the owner name "acm"' }] },
    {
      name: 'an owner prefix: anyone can register acme-anything',
      code: like('repo:acme*'),
      errors: [{ text: '"repo:acme*"', message: ['continues the owner name "acme"', 'anyone can register an owner'], severity: 'warning' }],
    },
    {
      name: 'every value of a list is judged, and IAM reads only the first',
      code: like(['repo:acme/payments-api:ref:refs/heads/main', 'repo:*']),
      errors: [{ text: '"repo:*"', message: 'reads only the first value of a list (unconfirmed)' }],
    },
    {
      name: 'every repository of one owner: information',
      code: like('repo:acme/*'),
      errors: [{ text: '"repo:acme/*"', message: 'every repository of the owner "acme"', severity: 'information' }],
    },
    {
      name: 'any ref or event of one repository: information',
      code: like('repo:acme/payments-api:*'),
      errors: [{ text: '"repo:acme/payments-api:*"', message: ['leaves open what follows the repository "payments-api" of the owner "acme"', 'branch, tag, environment or pull request'], severity: 'information' }],
    },
    {
      name: 'another condition pins the owner: information',
      code: like('repo:*', { [`${GITHUB}:repository_owner_id`]: '91823746' }),
      errors: [{ text: '"repo:*"', message: 'another condition of this statement pins the owner', severity: 'information' }],
    },
    {
      name: 'a second subject condition that names the repository pins it too (conditions are AND-ed)',
      code: github({ StringEquals: githubAud({ [SUB]: 'repo:acme/payments-api:ref:refs/heads/main' }), StringLike: { [SUB]: 'repo:*' } }),
      errors: [{ text: '"repo:*"', severity: 'information' }],
    },
    {
      name: 'a broad reusable workflow reference, the subject pinned: information',
      code: github({ StringEquals: githubAud({ [SUB]: 'repo:acme/payments-api:ref:refs/heads/main' }), StringLike: { [`${GITHUB}:job_workflow_ref`]: '*/*/.github/workflows/deploy.yml@*' } }),
      errors: [{ text: '"*/*/.github/workflows/deploy.yml@*"', severity: 'information' }],
    },
    { name: 'HCP Terraform: any organization', code: terraform('organization:*:project:*:workspace:*:run_phase:*'), errors: [{ text: '"organization:*:project:*:workspace:*:run_phase:*"', message: 'Any workspace of any HCP Terraform organization', severity: 'warning' }] },
    { name: 'HCP Terraform: every project of one organization', code: terraform('organization:acme:*'), errors: [{ text: '"organization:acme:*"', message: 'every project of the organization "acme"', severity: 'information' }] },
    { name: 'GitLab: any top-level group', code: gitlab('project_path:*'), errors: [{ text: '"project_path:*"', message: 'Any project of any GitLab.com user', severity: 'warning' }] },
    { name: 'GitLab: every project of one group, subgroups included', code: gitlab('project_path:acme/*'), errors: [{ text: '"project_path:acme/*"', message: 'every project of the top-level group "acme"', severity: 'information' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time subject', code: like('${var.subject}') },
  { name: 'a deploy-time owner pin may or may not pin the owner', code: like('repo:*', { [`${GITHUB}:repository_owner_id`]: '${var.owner_id}' }) },
  { name: 'a deploy-time principal', code: policy(webIdentity('${var.github_provider_arn}', { StringLike: { [SUB]: 'repo:*' } })) },
]);
