import * as assert from 'assert';
import { compactPolicy, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { GITHUB_STATEMENT } from './groupA.testing';
import { unknownValueTester } from '../testing/unknownValues';
import { cloudFormationRole } from '../testing/statementDocuments';
import { rule } from './unknown-element';

const github = GITHUB_STATEMENT;
const { Condition, ...githubNoCondition } = github;

ruleTester(rule, {
  valid: [
    policy(github),
    { name: 'all elements, names in any case', code: JSON.stringify({ version: '2012-10-17', ID: 'trust', statement: [{ sid: 'A1', effect: 'Allow', principal: { AWS: '*' }, action: 'sts:AssumeRole', condition: {} }] }) },
    { name: 'Resource is known to IAM (trust-resource reports it)', code: policy({ ...github, Resource: '*', NotResource: '*', NotAction: 'sts:TagSession', NotPrincipal: { AWS: '*' } }) },
    { name: 'keys inside Principal and Condition are other rules\' business', code: policy({ ...github, Principal: { Aws: '*' }, Condition: { StringEqualz: { 'a:b': 'c' } } }) },
    { name: 'a list is not a policy', code: '[{"Statment": []}]' },
  ],
  invalid: [
    {
      code: compactPolicy({ ...githubNoCondition, Conditon: Condition }),
      errors: [{ text: '"Conditon"', message: 'Unknown element "Conditon" in a statement: IAM rejects the policy. Did you mean "Condition"?', severity: 'error' }],
    },
    {
      name: 'at policy level',
      code: JSON.stringify({ Version: '2012-10-17', Statment: [github] }),
      errors: [{ text: '"Statment"', message: 'Unknown element "Statment" in the policy: IAM rejects the policy. Did you mean "Statement"?' }],
    },
    {
      name: 'nothing close: list what is allowed',
      code: compactPolicy({ ...github, Description: 'GitHub deploy' }),
      errors: [{ text: '"Description"', message: ['Unknown element "Description" in a statement', 'Sid, Effect, Principal'] }],
    },
    { name: 'a lower-case typo', code: compactPolicy({ ...githubNoCondition, principle: github.Principal }), errors: [{ text: '"principle"', message: 'Did you mean "Principal"?' }] },
  ],
});

unknownValueTester(rule, [
  { name: 'a statement from a variable', code: '{"Version": "2012-10-17", "Statement": ["${local.github_statement}"]}' },
  { name: 'the whole policy from a variable', code: '"${local.policy}"' },
  { name: 'known keys beside unknown values', code: compactPolicy({ ...github, Condition: '${local.conditions}' }) },
]);

describe('rule unknown-element quick fix', () => {
  it('renames a bare YAML key', () => {
    const yaml = cloudFormationRole(['- Effect: Allow', '  Principal: {Service: ec2.amazonaws.com}', '  Action: sts:AssumeRole', '  Conditon: {}']);
    assert.strictEqual(fixed(yaml, rule, {}, 'template.yaml'), yaml.replace('Conditon:', 'Condition:'));
  });
  it('renames the key to the suggestion', () => {
    assert.strictEqual(fixed(compactPolicy({ ...githubNoCondition, Conditon: Condition }), rule), compactPolicy({ ...githubNoCondition, Condition }));
  });
});
