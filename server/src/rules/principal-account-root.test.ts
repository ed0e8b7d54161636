import * as assert from 'assert';
import { lint, policy, ruleTester } from '../testing/ruleTester';
import { initParsers } from '../documents';
import { applyEdits } from '../features/fixAll';
import { assertQuietWithUnknowns } from '../testing/unknownValues';
import { fixed } from '../testing/fixes';
import { cloudFormationRole } from '../testing/statementDocuments';
import { ROLE_NAME_PLACEHOLDER, rule } from './principal-account-root';

const trust = (aws: unknown, extra: object = {}) => policy({ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole', ...extra });

ruleTester(rule, {
  valid: [
    trust('arn:aws:iam::348201957364:role/Deploy'),
    { name: 'narrowed by aws:PrincipalArn', code: trust('arn:aws:iam::348201957364:root', { Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::348201957364:role/Deploy' } } }) },
    { name: 'narrowed by aws:PrincipalArn, key in another case', code: trust('348201957364', { Condition: { ArnLike: { 'AWS:PRINCIPALARN': 'arn:aws:iam::348201957364:role/ci-*' } } }) },
    {
      name: 'narrowed by a Deny that refuses every other ARN',
      code: policy(
        { Effect: 'Allow', Principal: { AWS: '348201957364' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::348201957364:role/Deploy' } } },
      ),
    },
    { name: 'a Deny is not a grant', code: policy({ Effect: 'Deny', Principal: { AWS: '348201957364' }, Action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    {
      code: trust('arn:aws:iam::348201957364:root'),
      errors: [{ text: '"arn:aws:iam::348201957364:root"', message: ['account 348201957364', 'not its root user', 'arn:aws:iam::348201957364:role/<role-name>'], severity: 'information' }],
    },
    {
      name: 'bare account id, other partition',
      code: trust(['348201957364', 'arn:aws-cn:iam::572913468025:root']),
      errors: [
        { text: '"348201957364"', message: 'arn:aws:iam::348201957364:role/' },
        { text: '"arn:aws-cn:iam::572913468025:root"', message: 'arn:aws-cn:iam::572913468025:role/' },
      ],
    },
    {
      name: 'IfExists does not narrow',
      code: trust('348201957364', { Condition: { ArnEqualsIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::348201957364:role/Deploy' } } }),
      errors: [{ text: '"348201957364"' }],
    },
    {
      name: 'an org condition does not name the caller',
      code: trust('348201957364', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
      errors: [{ text: '"348201957364"' }],
    },
  ],
});

describe('rule principal-account-root with values known only at deploy time', () => {
  it('stays quiet when the principal is not literal', () => assertQuietWithUnknowns(rule, trust('${var.account_id}')));
  it('stays quiet when the Condition is not literal', () => assertQuietWithUnknowns(rule, trust('348201957364', { Condition: '${local.condition}' })));
  it('stays quiet when the aws:PrincipalArn value is not literal', () =>
    assertQuietWithUnknowns(rule, trust('348201957364', { Condition: { ArnEquals: { 'aws:PrincipalArn': '${aws_iam_role.ci.arn}' } } })));
});

describe('rule principal-account-root quick fix', () => {
  before(() => initParsers());
  const roleArn = `arn:aws:iam::348201957364:role/${ROLE_NAME_PLACEHOLDER}`;

  for (const principal of ['arn:aws:iam::348201957364:root', '348201957364']) {
    it(`replaces ${principal} with a role of that account to name`, () => {
      const [finding] = lint(trust(principal), rule);
      assert.match(finding.fixes[0].title, /one role of account 348201957364.*ROLE_NAME/);
      assert.strictEqual(finding.fixes[0].preferred, undefined, 'the name is for the author to fill in');
      const after = fixed(trust(principal), rule);
      assert.strictEqual(after, trust(roleArn));
      assert.deepStrictEqual(lint(after, rule), []);
    });
  }

  it('keeps the partition', () => {
    assert.strictEqual(fixed(trust('arn:aws-cn:iam::572913468025:root'), rule), trust(`arn:aws-cn:iam::572913468025:role/${ROLE_NAME_PLACEHOLDER}`));
  });

  it('replaces the value in place in CloudFormation YAML, plain or quoted', () => {
    for (const written of ['arn:aws:iam::348201957364:root', "'348201957364'"]) {
      const yaml = cloudFormationRole(['- Effect: Allow', '  Principal:', `    AWS: ${written}`, '  Action: sts:AssumeRole']);
      const after = fixed(yaml, rule, {}, 'template.yaml');
      assert.ok(after.includes(`AWS: ${written.startsWith("'") ? `'${roleArn}'` : roleArn}\n`), after);
      assert.deepStrictEqual(lint(after, rule, {}, 'template.yaml'), []);
    }
  });

  it('replaces the value in place in Terraform, in jsonencode and in a quoted JSON string', () => {
    const tf = [
      'resource "aws_iam_role" "a" {',
      '  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "348201957364" }, Action = "sts:AssumeRole" }] })',
      '}',
      'resource "aws_iam_role" "b" {',
      '  assume_role_policy = "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"AWS\\":\\"arn:aws:iam::572913468025:root\\"},\\"Action\\":\\"sts:AssumeRole\\"}]}"',
      '}',
      '',
    ].join('\n');
    const found = lint(tf, rule, {}, 'main.tf');
    assert.strictEqual(found.length, 2);
    const applied = found.map((f) => applyEdits(tf, f.fixes[0].edits));
    assert.ok(applied[0].includes(`AWS = "${roleArn}"`), applied[0]);
    assert.ok(applied[1].includes(`\\"AWS\\":\\"arn:aws:iam::572913468025:role/${ROLE_NAME_PLACEHOLDER}\\"`), applied[1]);
    for (const after of applied) assert.strictEqual(lint(after, rule, {}, 'main.tf').length, 1);
  });
});
