import * as assert from 'assert';
import { lint, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { unknownValueTester } from '../testing/unknownValues';
import { ACCOUNT, assertFixSettles, COGNITO, EKS_PROVIDER, GITHUB, GITHUB_PROVIDER, github, githubAud, webIdentity } from './groupF.testing';
import { rule } from './oidc-aud';

const AUD = `${GITHUB}:aud`;
const SUB = `${GITHUB}:sub`;
const MAIN = 'repo:acme/payments-api:ref:refs/heads/main';
const TERRAFORM_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/app.terraform.io`;
const GITLAB_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`;

ruleTester(rule, {
  valid: [
    github({ StringEquals: githubAud({ [SUB]: MAIN }) }),
    { name: 'a pattern that matches the audience', code: github({ StringLike: { [AUD]: 'sts.amazonaws.*', [SUB]: MAIN } }) },
    { name: 'IgnoreCase', code: github({ StringEqualsIgnoreCase: { [AUD]: 'STS.amazonaws.com', [SUB]: MAIN } }) },
    { name: 'HCP Terraform default audience', code: policy(webIdentity(TERRAFORM_PROVIDER, { StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' } })) },
    { name: 'GitLab: the job chooses the audience', code: policy(webIdentity(GITLAB_PROVIDER, { StringEquals: { 'gitlab.com:aud': 'https://gitlab.example-corp.net/aws' } })) },
    { name: 'EKS is eks-irsa-sub\'s business', code: policy(webIdentity(EKS_PROVIDER)) },
    { name: 'Cognito\'s audience is its tenancy claim', code: policy(webIdentity(COGNITO)) },
    { name: 'an unknown issuer has no known audience', code: policy(webIdentity(`arn:aws:iam::${ACCOUNT}:oidc-provider/auth.example-corp.net`)) },
  ],
  invalid: [
    {
      name: 'no audience condition',
      code: github({ StringEquals: { [SUB]: MAIN } }),
      errors: [{ text: `"${GITHUB_PROVIDER}"`, message: [`Nothing checks "${AUD}"`, 'any audience registered on this IAM OIDC provider', '"sts.amazonaws.com"'], severity: 'warning' }],
    },
    { name: 'no condition at all', code: github(), errors: [{ text: `"${GITHUB_PROVIDER}"` }] },
    {
      name: 'the owner URL from old guides',
      code: github({ StringEquals: { [AUD]: 'https://github.com/acme', [SUB]: MAIN } }),
      errors: [{ text: '"https://github.com/acme"', message: ['"sts.amazonaws.com", not "https://github.com/acme"', 'unless your jobs ask for this audience'], severity: 'warning' }],
    },
    {
      name: 'an extra audience next to the right one: information',
      code: github({ StringEquals: { [AUD]: ['sts.amazonaws.com', 'https://github.com/acme'], [SUB]: MAIN } }),
      errors: [{ text: '"https://github.com/acme"', message: 'extra value', severity: 'information' }],
    },
    { name: 'a "*" restricts nothing', code: github({ StringLike: { [AUD]: '*', [SUB]: MAIN } }), errors: [{ text: '"*"', message: 'matches every audience' }] },
    {
      name: 'HCP Terraform with the GitHub audience',
      code: policy(webIdentity(TERRAFORM_PROVIDER, { StringEquals: { 'app.terraform.io:aud': 'sts.amazonaws.com' } })),
      errors: [{ text: '"sts.amazonaws.com"', message: '"aws.workload.identity"' }],
    },
    {
      name: 'GitLab with no audience',
      code: policy(webIdentity(GITLAB_PROVIDER, { StringEquals: { 'gitlab.com:sub': 'project_path:acme/infra:ref_type:branch:ref:main' } })),
      errors: [{ text: `"${GITLAB_PROVIDER}"`, message: 'id_tokens' }],
    },
  ],
});

unknownValueTester(rule, [
  { name: 'a deploy-time audience', code: github({ StringEquals: { [AUD]: '${var.audience}', [SUB]: MAIN } }) },
  { name: 'a deploy-time Condition', code: policy({ ...webIdentity(GITHUB_PROVIDER), Condition: '${local.conditions}' }) },
]);

describe('rule oidc-aud quick fixes', () => {
  it('adds the audience to the StringEquals block', () => {
    const after = assertFixSettles(rule, github({ StringEquals: { [SUB]: MAIN } }));
    assert.deepStrictEqual(JSON.parse(after).Statement[0].Condition.StringEquals, { [SUB]: MAIN, [AUD]: 'sts.amazonaws.com' });
  });

  it('adds a StringEquals block next to a StringLike one', () => {
    const after = assertFixSettles(rule, github({ StringLike: { [SUB]: 'repo:acme/payments-api:*' } }));
    assert.deepStrictEqual(JSON.parse(after).Statement[0].Condition.StringEquals, { [AUD]: 'sts.amazonaws.com' });
  });

  it('adds a Condition element to a statement without one, in the statement\'s layout', () => {
    const code = github();
    const after = fixed(code, rule);
    assert.deepStrictEqual(JSON.parse(after).Statement[0].Condition, { StringEquals: { [AUD]: 'sts.amazonaws.com' } });
    assert.strictEqual(after, github({ StringEquals: { [AUD]: 'sts.amazonaws.com' } }));
  });

  it('keeps a one-line statement on one line', () => {
    const code = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "${GITHUB_PROVIDER}"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"${SUB}": "repo:acme/payments-api:*"}}}]}`;
    const after = assertFixSettles(rule, code);
    assert.ok(!after.includes('\n'));
  });

  it('replaces a wrong audience', () => {
    const after = assertFixSettles(rule, github({ StringEquals: { [AUD]: 'https://github.com/acme', [SUB]: MAIN } }));
    assert.ok(after.includes(`"${AUD}": "sts.amazonaws.com"`));
  });

  it('reports a missing audience in CloudFormation YAML, with no fix (fixes that add JSON are for JSON files)', () => {
    const yaml = [
      'Resources:',
      '  DeployRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      `            Principal: { Federated: ${GITHUB_PROVIDER} }`,
      '            Action: sts:AssumeRoleWithWebIdentity',
      '            Condition:',
      `              StringEquals: { ${SUB}: ${MAIN} }`,
      '',
    ].join('\n');
    const found = lint(yaml, rule, {}, 'template.yaml');
    assert.deepStrictEqual(found.map((f) => [yaml.substr(f.span.offset, f.span.length), f.fixes.length]), [[GITHUB_PROVIDER, 0]]);
  });
});
