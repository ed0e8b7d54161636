import * as assert from 'assert';
import { compactPolicy, lint, policy, ruleTester } from '../testing/ruleTester';
import { fixed } from '../testing/fixes';
import { cloudFormationRole } from '../testing/statementDocuments';
import { unknownValueTester } from '../testing/unknownValues';
import { rule } from './condition-operator-unknown';

const deploy = { AWS: 'arn:aws:iam::210987654321:role/Deploy' };
const stmt = (Condition: unknown) => ({ Effect: 'Allow', Principal: deploy, Action: 'sts:AssumeRole', Condition });
const org = { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' };

ruleTester(rule, {
  valid: [
    policy(stmt({ StringEquals: org })),
    policy(stmt({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/*' }, BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } })),
    { name: 'every family', code: policy(stmt({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' }, DateGreaterThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' }, ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' }, Null: { 'aws:SourceIdentity': 'false' } })) },
    { name: 'NullIfExists is condition-null-ifexists\'s', code: policy(stmt({ NullIfExists: { 'aws:SourceIdentity': 'false' } })) },
  ],
  invalid: [
    { name: 'a missing letter', code: policy(stmt({ StringEqual: org })), errors: [{ text: '"StringEqual"', message: ['no condition operator "StringEqual"', 'rejects the whole policy', 'Did you mean "StringEquals"?'], severity: 'error' }] },
    { name: 'a wrong set prefix', code: policy(stmt({ 'ForAnyValues:StringLike': org })), errors: [{ text: '"ForAnyValues:StringLike"', message: 'Did you mean "ForAnyValue:StringLike"?' }] },
    { name: 'a misspelt suffix', code: policy(stmt({ StringLikeIfExist: org })), errors: [{ text: '"StringLikeIfExist"', message: '"StringLikeIfExists"' }] },
    { name: 'the wrong case: IAM answers "Invalid Condition type : stringEquals"', code: policy(stmt({ stringEquals: org })), errors: [{ text: '"stringEquals"', message: ['with their case', 'Write "StringEquals"'] }] },
    { name: 'nothing close', code: policy(stmt({ Matches: org })), errors: [{ text: '"Matches"', message: 'Operators are StringEquals' }] },
    {
      name: 'in CloudFormation YAML',
      filePath: 'template.yaml',
      code: cloudFormationRole(
        [
          '- Effect: Allow',
          '  Principal:',
          "    AWS: 'arn:aws:iam::210987654321:role/Deploy'",
          '  Action: sts:AssumeRole',
          '  Condition:',
          '    StringEqualz:',
          '      aws:PrincipalOrgID: o-a1b2c3d4e5',
        ],
        'DeployRole',
      ),
      errors: [{ text: 'StringEqualz', message: '"StringEquals"' }],
    },
    { name: 'an empty name', code: policy(stmt({ '': org })), errors: [{ text: '""', message: 'no condition operator ""' }] },
  ],
});

describe('rule condition-operator-unknown on keys that are not text', () => {
  it('stays quiet on a YAML key written with a CloudFormation tag', () => {
    const code = cloudFormationRole([
      '- Effect: Allow',
      '  Principal:',
      '    Service: events.amazonaws.com',
      '  Action: sts:AssumeRole',
      '  Condition:',
      '    !If [UseOrg, StringLike, StringEquals]:',
      '      aws:SourceAccount: !Ref AWS::AccountId',
    ]);
    assert.deepStrictEqual(lint(code, rule, {}, 'template.yaml').map((f) => f.message), []);
  });
});

unknownValueTester(rule, [
  { name: 'an operator block whose content is known at deploy time', code: policy(stmt({ StringEquals: '${var.conditions}' })) },
  { name: 'a whole Condition known at deploy time', code: policy(stmt('${var.condition}')) },
  { name: 'an operator name that is a template placeholder', code: policy(stmt({ '${operator}': org })) },
]);

describe('rule condition-operator-unknown quick fix', () => {
  it('writes the closest operator, and the result is quiet', () => {
    const after = fixed(compactPolicy(stmt({ StringEqual: org })), rule);
    assert.strictEqual(after, compactPolicy(stmt({ StringEquals: org })));
    assert.deepStrictEqual(lint(after, rule), []);
  });
  it('offers no fix when the operator it would write is already there', () => {
    const [finding] = lint(compactPolicy(stmt({ StringEquals: org, StringEqual: { 'aws:PrincipalAccount': '210987654321' } })), rule);
    assert.deepStrictEqual(finding.fixes, []);
  });
});
