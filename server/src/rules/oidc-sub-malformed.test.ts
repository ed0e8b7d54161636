import * as assert from 'assert';
import { lint, policy, ruleTester } from '../testing/ruleTester';
import { unknownValueTester } from '../testing/unknownValues';
import { ACCOUNT, assertFixSettles, GITHUB, github, githubAud, webIdentity } from './groupF.testing';
import { rule } from './oidc-sub-malformed';

const SUB = `${GITHUB}:sub`;
const equals = (sub: unknown) => github({ StringEquals: githubAud({ [SUB]: sub }) });
const like = (sub: unknown) => github({ StringEquals: githubAud(), StringLike: { [SUB]: sub } });
const gitlab = (sub: string) => policy(webIdentity(`arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`, { StringEquals: { 'gitlab.com:sub': sub } }));
const terraform = (sub: string) => policy(webIdentity(`arn:aws:iam::${ACCOUNT}:oidc-provider/app.terraform.io`, { StringEquals: { 'app.terraform.io:sub': sub } }));

ruleTester(rule, {
  valid: [
    equals('repo:acme/payments-api:ref:refs/heads/main'),
    equals('repo:acme/payments-api:ref:refs/tags/v1.4.0'),
    equals('repo:acme/payments-api:environment:production'),
    equals('repo:acme/payments-api:pull_request'),
    { name: 'a branch with slashes', code: equals('repo:acme/payments-api:ref:refs/heads/feature/ledger-v2') },
    { name: 'immutable ids next to the names', code: equals('repo:acme-91823746/payments-api-553190872:ref:refs/heads/main') },
    { name: 'a pattern that can match', code: like('repo:acme/payments-api:*') },
    { name: 'a pattern over the context', code: like('repo:acme/payments-api:ref:refs/*') },
    { name: 'an escaped "*" (${*}) under StringLike is a literal character of a branch name', code: like('repo:acme/payments-api:ref:refs/heads/${*}') },
    { name: 'a customised subject template', code: equals('repository_owner_id:91823746:environment:production') },
    { name: 'GitLab: a branch', code: gitlab('project_path:acme/platform/infra:ref_type:branch:ref:main') },
    { name: 'HCP Terraform: the apply phase', code: terraform('organization:acme:project:Default Project:workspace:network-prod:run_phase:apply') },
    { name: 'a job_workflow_ref', code: github({ StringEquals: githubAud({ [`${GITHUB}:job_workflow_ref`]: 'acme/deploy-workflows/.github/workflows/deploy.yml@refs/heads/main' }) }) },
    { name: 'Buildkite subjects are not all known: not judged', code: policy(webIdentity(`arn:aws:iam::${ACCOUNT}:oidc-provider/agent.buildkite.com`, { StringEquals: { 'agent.buildkite.com:sub': 'organization:acme' } })) },
  ],
  invalid: [
    {
      name: 'a repository with nothing after it',
      code: equals('repo:acme/payments-api'),
      errors: [{ text: '"repo:acme/payments-api"', message: ['never issues', 'never matches', ':ref:refs/heads/BRANCH', '"repo:acme/payments-api:*" under StringLike'], severity: 'warning' }],
    },
    { name: 'repo: with nothing after it', code: equals('repo:'), errors: [{ text: '"repo:"', message: 'names no repository' }] },
    { name: 'a short branch name', code: equals('repo:acme/payments-api:ref:main'), errors: [{ text: '"repo:acme/payments-api:ref:main"', message: 'refs/heads/BRANCH' }] },
    {
      name: 'an environment with :pull_request',
      code: equals('repo:acme/payments-api:environment:staging:pull_request'),
      errors: [{ text: '"repo:acme/payments-api:environment:staging:pull_request"', message: 'gets the environment subject' }],
    },
    { name: 'no repo: prefix', code: equals('acme/payments-api'), errors: [{ text: '"acme/payments-api"' }] },
    { name: 'a pattern that can never match', code: like('repo:acme/payments-api:branch:*'), errors: [{ text: '"repo:acme/payments-api:branch:*"' }] },
    {
      name: 'a "*" under StringEquals is literal',
      code: equals('repo:acme/payments-api:*'),
      errors: [{ text: '"repo:acme/payments-api:*"', message: ['StringEquals compares "repo:acme/payments-api:*" literally', 'StringLike'] }],
    },
    { name: 'each bad value of a list', code: equals(['repo:acme/payments-api:ref:refs/heads/main', 'repo:acme/payments-api:ref:main']), errors: [{ text: '"repo:acme/payments-api:ref:main"' }] },
    { name: 'GitLab: no ref_type', code: gitlab('project_path:acme/infra:ref:main'), errors: [{ text: '"project_path:acme/infra:ref:main"', message: 'project_path:GROUP/PROJECT:ref_type:branch|tag:ref:REF' }] },
    { name: 'HCP Terraform: an unknown run phase', code: terraform('organization:acme:project:Default Project:workspace:network-prod:run_phase:destroy'), errors: [{ text: '"organization:acme:project:Default Project:workspace:network-prod:run_phase:destroy"' }] },
    {
      name: 'a job_workflow_ref without the workflow path',
      code: github({ StringEquals: githubAud({ [SUB]: 'repo:acme/payments-api:ref:refs/heads/main', [`${GITHUB}:job_workflow_ref`]: 'acme/deploy-workflows@refs/heads/main' }) }),
      errors: [{ text: '"acme/deploy-workflows@refs/heads/main"', message: 'as a job_workflow_ref' }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time subject', code: equals('${var.subject}') },
  { name: 'a deploy-time principal', code: policy(webIdentity('${var.github_provider_arn}', { StringEquals: { [SUB]: 'repo:acme/payments-api' } })) },
  { name: 'a subject with a policy variable', code: equals('repo:acme/${aws:PrincipalTag/repo}') },
]);

describe('rule oidc-sub-malformed quick fixes', () => {
  it('writes the full branch ref', () => {
    const after = assertFixSettles(rule, equals('repo:acme/payments-api:ref:main'));
    assert.ok(after.includes('"repo:acme/payments-api:ref:refs/heads/main"'));
  });

  it('turns StringEquals into StringLike when the pattern stays inside one repository', () => {
    const after = assertFixSettles(rule, equals('repo:acme/payments-api:*'));
    assert.ok(after.includes('"StringLike": {'), after);
  });

  it('offers no StringLike fix that would admit every repository of every user', () => {
    const [finding] = lint(equals('repo:*'), rule);
    assert.strictEqual(finding.fixes.length, 0);
  });

  it('offers no StringLike fix when another value of the block has a wildcard', () => {
    const code = github({ StringEquals: githubAud({ [SUB]: 'repo:acme/payments-api:*', [`${GITHUB}:job_workflow_ref`]: 'acme/wf/.github/workflows/*.yml@refs/heads/main' }) });
    const found = lint(code, rule);
    assert.strictEqual(found.length, 2);
    assert.ok(found.every((f) => f.fixes.length === 0));
  });

  it('offers no StringLike fix when a StringLike block already exists', () => {
    const code = github({ StringEquals: githubAud({ [SUB]: 'repo:acme/payments-api:*' }), StringLike: { [`${GITHUB}:job_workflow_ref`]: 'acme/wf/.github/workflows/deploy.yml@*' } });
    assert.strictEqual(lint(code, rule)[0].fixes.length, 0);
  });
});
