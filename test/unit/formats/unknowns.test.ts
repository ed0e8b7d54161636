import * as assert from 'assert';
import { Finding } from '../../../server/src/rules/types';
import { lintText } from './helpers';
import { loadParsers } from '../../../server/src/testing/parsers';
import { cloudFormationTemplate } from '../../../server/src/testing/statementDocuments';

/**
 * trust-checks.md: "no rule may report a problem that depends on an unknown value". For every kind
 * of placeholder, in every place a trust policy can be written, the placeholder stands where a
 * literal `*` makes principal-any fire (the control, which proves the setting can fail) and where
 * a harmless literal keeps the file quiet. With the placeholder:
 *   - principal-any is quiet;
 *   - no rule reports anything a harmless literal would not also give;
 *   - no finding lies on the placeholder itself.
 */

interface Setting {
  name: string;
  file: string;
  /** The file with `value` in the tested position. */
  make: (value: string) => string;
  /** The literal that must make principal-any fire. */
  dangerous: string;
  /** A literal of the same position that is fine. */
  harmless: string;
  placeholders: string[];
}

const cfnYaml = (principal: string, condition = '') =>
  cloudFormationTemplate(
    { Role: ['- Effect: Allow', `  Principal: { AWS: ${principal} }`, '  Action: sts:AssumeRole', ...(condition ? [`  Condition: ${condition}`] : [])] },
    { formatVersion: true },
  );

const cfnJson = (principal: string) =>
  `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Role": {\n      "Type": "AWS::IAM::Role",\n      "Properties": {\n        "AssumeRolePolicyDocument": {\n          "Version": "2012-10-17",\n          "Statement": [{ "Effect": "Allow", "Principal": { "AWS": ${principal} }, "Action": "sts:AssumeRole" }]\n        }\n      }\n    }\n  }\n}\n`;

const tfJsonencode = (principal: string, condition = '') =>
  `resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = ${principal} }\n      Action    = "sts:AssumeRole"\n${condition ? `      Condition = ${condition}\n` : ''}    }]\n  })\n}\n`;

const tfHeredoc = (principal: string) =>
  `resource "aws_iam_role" "r" {\n  assume_role_policy = <<-EOT\n    {\n      "Version": "2012-10-17",\n      "Statement": [{ "Effect": "Allow", "Principal": { "AWS": ${principal} }, "Action": "sts:AssumeRole" }]\n    }\n  EOT\n}\n`;

const tfString = (principal: string) =>
  `resource "aws_iam_role" "r" {\n  assume_role_policy = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Principal\\": {\\"AWS\\": ${principal}}, \\"Action\\": \\"sts:AssumeRole\\"}]}"\n}\n`;

const tfDataSource = (principals: string) =>
  `data "aws_iam_policy_document" "trust" {\n  statement {\n    actions = ["sts:AssumeRole"]\n${principals}\n  }\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\n`;
const principalsBlock = (type: string, identifiers: string) => `    principals {\n      type        = ${type}\n      identifiers = ${identifiers}\n    }`;

const template = (principal: string, condition = '') =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": { "AWS": ${principal} },\n      "Action": "sts:AssumeRole"${condition ? `,\n      "Condition": ${condition}` : ''}\n    }\n  ]\n}\n`;

const ROLE = 'arn:aws:iam::210987654321:role/Pipeline';

const SETTINGS: Setting[] = [
  {
    name: 'CloudFormation YAML, principal',
    file: 'template.yaml',
    make: (v) => cfnYaml(v),
    dangerous: '"*"',
    harmless: ROLE,
    placeholders: [
      '!Ref TrustedArn',
      '!Sub "arn:aws:iam::${ToolsAccount}:root"',
      '!GetAtt Pipeline.Arn',
      '!If [IsProd, "*", !Ref AWS::NoValue]',
      '!Join ["", ["arn:aws:iam::", !Ref AWS::AccountId, ":root"]]',
      '!Select [0, !Ref Principals]',
      '!Split [",", !Ref Principals]',
      '!FindInMap [Accounts, !Ref Env, Arn]',
      '!ImportValue PipelineRoleArn',
      '!Base64 x',
      '!Cidr [x, 1, 2]',
      '!GetAZs ""',
      '!Equals [a, b]',
      '!And [a, b]',
      '!Or [a, b]',
      '!Not [a]',
      '!Condition IsProd',
      '!Transform { Name: Macro }',
      '!SomeToolTag x',
      '{ Ref: TrustedArn }',
      '{ "Fn::Sub": "arn:aws:iam::${ToolsAccount}:root" }',
      '{ "Fn::If": [IsProd, "*", { Ref: AWS::NoValue }] }',
      '{ "Fn::GetAtt": [Pipeline, Arn] }',
      '{ "Fn::ImportValue": PipelineRoleArn }',
    ],
  },
  {
    name: 'CloudFormation YAML, condition',
    file: 'template.yaml',
    make: (v) => cfnYaml('"*"', v),
    dangerous: '{}',
    harmless: '{ StringEquals: { aws:PrincipalOrgID: o-abcdefghij } }',
    placeholders: ['!Ref Conditions', '!If [IsProd, { StringEquals: { aws:PrincipalOrgID: o-abcdefghij } }, !Ref AWS::NoValue]', '{ StringEquals: { aws:PrincipalOrgID: !Ref OrgId } }'],
  },
  {
    name: 'CloudFormation JSON, principal',
    file: 'template.json',
    make: cfnJson,
    dangerous: '"*"',
    harmless: `"${ROLE}"`,
    placeholders: [
      '{ "Ref": "TrustedArn" }',
      '{ "Fn::Sub": "arn:aws:iam::${ToolsAccount}:root" }',
      '{ "Fn::If": ["IsProd", "*", { "Ref": "AWS::NoValue" }] }',
      '{ "Fn::GetAtt": ["Pipeline", "Arn"] }',
      '{ "Fn::Join": ["", ["arn:aws:iam::", { "Ref": "AWS::AccountId" }, ":root"]] }',
      '{ "Fn::Select": [0, { "Ref": "Principals" }] }',
      '{ "Fn::Split": [",", { "Ref": "Principals" }] }',
      '{ "Fn::FindInMap": ["Accounts", "prod", "Arn"] }',
      '{ "Fn::ImportValue": "PipelineRoleArn" }',
      '{ "Fn::Base64": "x" }',
      '{ "Fn::Transform": { "Name": "Macro" } }',
    ],
  },
  {
    name: 'Terraform jsonencode, principal',
    file: 'main.tf',
    make: (v) => tfJsonencode(v),
    dangerous: '"*"',
    harmless: `"${ROLE}"`,
    placeholders: [
      'var.principal',
      'local.principal',
      'data.aws_caller_identity.current.arn',
      'aws_iam_role.pipeline.arn',
      'module.pipeline.role_arn',
      'tolist(var.principals)',
      'format("arn:aws:iam::%s:root", var.account)',
      '"${var.principal}"',
      '"arn:aws:iam::${var.account}:root"',
      'var.open ? "*" : "x"',
      '[for a in var.accounts : "arn:aws:iam::${a}:root"]',
      'var.principals["deploy"]',
      'var.principals[0]',
      'var.roles[*].arn',
      '(var.principal)',
      '"%{ if var.open }*%{ endif }"',
    ],
  },
  {
    name: 'Terraform jsonencode, condition',
    file: 'main.tf',
    make: (v) => tfJsonencode('"*"', v),
    dangerous: '{}',
    harmless: '{ StringEquals = { "aws:PrincipalOrgID" = "o-abcdefghij" } }',
    placeholders: ['var.conditions', 'local.conditions', 'merge(local.a, local.b)', '{ StringEquals = { "aws:PrincipalOrgID" = var.org_id } }', '{ StringEquals = { (var.key) = "x" } }'],
  },
  {
    name: 'Terraform heredoc, principal',
    file: 'main.tf',
    make: tfHeredoc,
    dangerous: '"*"',
    harmless: `"${ROLE}"`,
    placeholders: ['${jsonencode(var.principals)}', '"${var.principal}"', '"arn:aws:iam::${var.account}:root"', '%{ if var.open }"*"%{ else }"x"%{ endif }'],
  },
  {
    name: 'Terraform JSON string, principal',
    file: 'main.tf',
    make: tfString,
    dangerous: '\\"*\\"',
    harmless: `\\"${ROLE}\\"`,
    placeholders: ['\\"${var.principal}\\"', '${jsonencode(var.principals)}'],
  },
  {
    name: 'Terraform policy document, principals',
    file: 'main.tf',
    make: tfDataSource,
    dangerous: principalsBlock('"AWS"', '["*"]'),
    harmless: principalsBlock('"AWS"', `["${ROLE}"]`),
    placeholders: [
      principalsBlock('"AWS"', 'var.principals'),
      principalsBlock('"AWS"', '[var.principal]'),
      principalsBlock('"AWS"', '["${var.principal}"]'),
      principalsBlock('var.type', '["*"]'),
      '    dynamic "principals" {\n      for_each = var.trusted\n      content {\n        type        = "AWS"\n        identifiers = ["*"]\n      }\n    }',
    ],
  },
  {
    name: 'JSON template, principal',
    file: 'trust.json.tpl',
    make: (v) => template(v),
    dangerous: '"*"',
    harmless: `"${ROLE}"`,
    placeholders: ['"${principal}"', '${jsonencode(principals)}', '"arn:aws:iam::${account}:root"', '%{ if open }"*"%{ else }"x"%{ endif }', '[%{ for i, a in accounts }"${a}"%{ if i < length(accounts) - 1 },%{ endif }%{ endfor }]'],
  },
  {
    name: 'JSON template, condition',
    file: 'trust.json.tpl',
    make: (v) => template('"*"', v),
    dangerous: '{}',
    harmless: '{ "StringEquals": { "aws:PrincipalOrgID": "o-abcdefghij" } }',
    placeholders: ['${condition}', '{ "StringEquals": { "aws:PrincipalOrgID": "${org_id}" } }', '{ %{ if org }"StringEquals": { "aws:PrincipalOrgID": "o-abcdefghij" }%{ endif } }'],
  },
];

const ids = (findings: Finding[]) => [...new Set(findings.map((f) => f.ruleId))].sort();

describe('no false alarm on values known only at deploy time', () => {
  loadParsers();

  for (const setting of SETTINGS) {
    describe(setting.name, () => {
      it(`control: ${setting.dangerous.trim().split('\n')[0]} makes principal-any fire`, () => {
        const findings = lintText(setting.make(setting.dangerous), setting.file, { rules: ['principal-any'] });
        assert.strictEqual(findings.length, 1, JSON.stringify(findings));
        assert.strictEqual(findings[0].severity, 'error');
      });

      for (const placeholder of setting.placeholders) {
        it(`quiet on ${placeholder.trim().split('\n')[0]}`, () => {
          const text = setting.make(placeholder);
          const withPlaceholder = lintText(text, setting.file);
          const withHarmless = lintText(setting.make(setting.harmless), setting.file);
          assert.deepStrictEqual(withPlaceholder.filter((f) => f.ruleId === 'principal-any' && f.severity !== 'hint'), []);
          const extra = ids(withPlaceholder).filter((id) => !ids(withHarmless).includes(id));
          assert.deepStrictEqual(extra, [], withPlaceholder.map((f) => `${f.ruleId}: ${text.substr(f.span.offset, f.span.length)} ${f.message}`).join('\n'));
          const start = text.indexOf(placeholder);
          const on = withPlaceholder.filter((f) => f.span.offset >= start && f.span.offset + f.span.length <= start + placeholder.length);
          assert.deepStrictEqual(on.map((f) => f.ruleId), [], 'a finding lies on the placeholder');
        });
      }
    });
  }
});
