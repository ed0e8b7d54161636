import * as assert from 'assert';
import { compactPolicy, lint, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { cloudFormationRole } from '../testing/statementDocuments';
import { GITHUB_STATEMENT } from './groupA.testing';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './action-missing';

const github = GITHUB_STATEMENT;
const { Action, ...githubNoAction } = github;
const ec2NoAction = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } };

ruleTester(rule, {
  valid: [
    policy(github),
    { name: 'NotAction alone', code: policy({ ...githubNoAction, NotAction: 'sts:TagSession' }) },
    { name: 'element names are read ignoring case', code: compactPolicy({ ...ec2NoAction, action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    { code: compactPolicy(ec2NoAction), errors: [{ text: '{', message: ['no "Action"', 'rejects', '"Action": "sts:AssumeRole"'], severity: 'error' }] },
    { name: 'an OIDC provider needs AssumeRoleWithWebIdentity', code: compactPolicy(githubNoAction), errors: [{ text: '{', message: '"Action": "sts:AssumeRoleWithWebIdentity"' }] },
    {
      name: 'a SAML provider needs AssumeRoleWithSAML',
      code: compactPolicy({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::318574629013:saml-provider/Okta' } }),
      errors: [{ text: '{', message: '"Action": "sts:AssumeRoleWithSAML"' }],
    },
    { name: 'an empty list', code: compactPolicy({ ...github, Action: [] }), errors: [{ text: '[]', message: ['"Action" is an empty list', 'sts:AssumeRoleWithWebIdentity'] }] },
    {
      name: 'in CloudFormation YAML: on the statement\'s first key',
      filePath: 'template.yaml',
      code: cloudFormationRole(['- Effect: Allow', '  Principal:', '    Service: ecs-tasks.amazonaws.com'], 'TaskRole'),
      errors: [{ text: 'Effect', message: '"Action": "sts:AssumeRole"' }],
    },
    { name: 'an empty NotAction', code: compactPolicy({ ...githubNoAction, NotAction: [] }), errors: [{ text: '[]', message: '"NotAction" is an empty list' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'actions from a variable', code: compactPolicy({ ...github, Action: '${var.actions}' }) },
  { name: 'a statement from a variable', code: '{"Version": "2012-10-17", "Statement": ["${local.statement}"]}' },
  {
    name: 'a missing Action is missing whatever the principal',
    code: compactPolicy({ Effect: 'Allow', Principal: { Federated: '${aws_iam_openid_connect_provider.github.arn}' } }),
    errors: [{ text: '{', message: 'sts:AssumeRoleWithWebIdentity' }],
  },
]);

describe('rule action-missing quick fix', () => {
  it('adds the action the principal needs as the last element', () => {
    const after = fixed(policy(githubNoAction), rule);
    assert.deepStrictEqual(JSON.parse(after).Statement[0], { ...githubNoAction, Action: 'sts:AssumeRoleWithWebIdentity' });
    assert.ok(after.includes('    },\n      "Action": "sts:AssumeRoleWithWebIdentity"\n'), after);
    assert.deepStrictEqual(lint(after, rule), []);
  });
});
