import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { ArrayNode, getProperty, ObjectNode } from '../../../server/src/model/ast';
import { analyse, described, lintText, offsetOf, readFixture, textsOf, under, unknownsOf } from './helpers';
import { loadParsers } from '../../../server/src/testing/parsers';

describe('Terraform', () => {
  loadParsers();

  describe('aws_iam_role assume_role_policy', () => {
    const { text, filePath } = readFixture('terraform/roles.tf');

    it('reads jsonencode (= and : syntax), a heredoc and a JSON string; not the bucket policy', () => {
      const doc = analyse(text, filePath)!;
      assert.deepStrictEqual(
        doc.policies.map((p) => [p.format, under(text, p.role!.span)]),
        [
          ['hcl', 'resource "aws_iam_role" "deploy"'],
          ['hcl', 'resource "aws_iam_role" "colon_syntax"'],
          ['json', 'resource "aws_iam_role" "heredoc"'],
          ['json-in-string', 'resource "aws_iam_role" "json_string"'],
        ],
      );
    });

    it('puts each finding on the principal token of the right role', () => {
      const findings = lintText(text, filePath, { rules: ['principal-any'] });
      assert.deepStrictEqual(textsOf(text, findings, 'principal-any'), ['"*"', '"*"', '"*"', '\\"*\\"']);
      assert.deepStrictEqual(
        findings.map((f) => f.span.offset),
        [offsetOf(text, '"*"', '"deploy"'), offsetOf(text, '"*"', '"colon_syntax"'), offsetOf(text, '"*"', '"heredoc"'), offsetOf(text, '\\"*\\"', '"json_string"')],
      );
    });

    it('maps every key and value of an escaped JSON string back onto the source', () => {
      const policy = analyse(text, filePath)!.policies[3];
      const statement = (getProperty(policy.root, 'Statement')!.value as ArrayNode).items[0] as ObjectNode;
      assert.deepStrictEqual(
        statement.properties.map((p) => [under(text, p.keySpan), p.value && under(text, p.value.span)]),
        [
          ['\\"Effect\\"', '\\"Allow\\"'],
          ['\\"Principal\\"', '{\\"AWS\\": \\"*\\"}'],
          ['\\"Action\\"', '\\"sts:AssumeRole\\"'],
        ],
      );
      assert.strictEqual(under(text, policy.root.span), text.slice(offsetOf(text, '{\\"Version'), text.indexOf('}]}"') + 3));
    });

    it('reads name and max_session_duration; group D applies', () => {
      const [deploy, , heredoc] = analyse(text, filePath)!.policies;
      assert.strictEqual(under(text, deploy.role!.roleName!.span), '"deploy"');
      assert.strictEqual(under(text, deploy.role!.maxSessionDuration!.span), '7200');
      assert.strictEqual(heredoc.role?.origin, 'terraform');
      const findings = lintText(text, filePath, { rules: ['max-session-duration-range'] });
      assert.deepStrictEqual(described(text, findings), ['max-session-duration-range: 1800']);
      assert.match(findings[0].message, /^max_session_duration 1800 is below the minimum/);
    });
  });

  describe('data "aws_iam_policy_document"', () => {
    const { text, filePath } = readFixture('terraform/data-source.tf');

    it('is a trust policy when a role uses it or when its content is one; the bucket document is not', () => {
      const doc = analyse(text, filePath)!;
      assert.deepStrictEqual(
        doc.policies.map((p) => [p.format, under(text, p.root.span).split('\n')[0], p.role && under(text, p.role.span), (p.moreRoles ?? []).map((r) => under(text, r.span))]),
        [
          ['hcl', 'data "aws_iam_policy_document" "assume" {', 'resource "aws_iam_role" "chained"', ['resource "aws_iam_role" "also_chained"']],
          ['hcl', 'data "aws_iam_policy_document" "open" {', undefined, []],
        ],
      );
    });

    it('maps statement blocks onto the policy shape with spans on the HCL tokens', () => {
      const [assume] = analyse(text, filePath)!.policies;
      const [statement] = assume.policy.statements;
      assert.strictEqual(statement.effect, 'Allow', 'the provider default');
      assert.strictEqual(statement.sid && under(text, statement.sid.value!.span), '"Pipeline"');
      assert.deepStrictEqual(statement.actions.map((a) => [a.value, under(text, a.node.span)]), [['sts:AssumeRole', '"sts:AssumeRole"']]);
      // Two principals blocks of one type merge into one list, as the provider renders them.
      assert.deepStrictEqual(
        statement.principals.map((p) => [p.type, under(text, p.typeSpan), under(text, p.node.span)]),
        [
          ['AWS', '"AWS"', '"arn:aws:iam::210987654321:role/Pipeline"'],
          ['AWS', '"AWS"', '"arn:aws:iam::210987654321:role/Release"'],
        ],
      );
      assert.deepStrictEqual(
        statement.conditions.map((c) => [c.operator, under(text, c.operatorSpan), c.key, under(text, c.keySpan), c.values.map((v) => v.value)]),
        [['StringEquals', '"StringEquals"', 'aws:PrincipalOrgID', '"aws:PrincipalOrgID"', ['o-abcdefghij']]],
      );
      assert.strictEqual(assume.policy.version?.value?.kind === 'string' && assume.policy.version.value.value, '2012-10-17');
    });

    it('gives the role facts of every role that uses the document to group D', () => {
      const findings = lintText(text, filePath, { rules: ['role-chaining-cap', 'max-session-duration-range', 'principal-any'] });
      assert.deepStrictEqual(described(text, findings), ['role-chaining-cap: 10800', 'max-session-duration-range: 50000', 'principal-any: "*"']);
      assert.strictEqual(findings[2].span.offset, offsetOf(text, '"*"', '"open"'));
    });

    it('reads resources as Resource, so trust-resource can point at them', () => {
      const t = 'data "aws_iam_policy_document" "t" {\n  statement {\n    actions   = ["sts:AssumeRole"]\n    resources = ["*"]\n    principals {\n      type        = "Service"\n      identifiers = ["ec2.amazonaws.com"]\n    }\n  }\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.t.json\n}\n';
      const [policy] = analyse(t, '/m/main.tf')!.policies;
      assert.strictEqual(under(t, policy.policy.statements[0].resourceProperty!.keySpan), 'resources');
    });
  });

  describe('half-typed and broken files', () => {
    it('reports the syntax error inside the role and still lints what parses', () => {
      const { text, filePath } = readFixture('terraform/half-typed.tf');
      const findings = lintText(text, filePath, { rules: ['json-syntax', 'principal-any'] });
      assert.deepStrictEqual(described(text, findings), ['principal-any: "*"', 'json-syntax: Action    =']);
      assert.match(findings[1].message, /^Terraform: a value is expected after "Action {4}="/);
    });

    const role = (statement: string) =>
      `resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = "*" }\n${statement}\n  })\n}\n`;
    for (const [name, text, syntax, message, at] of [
      ['a list and an object left open', role('      Action    = "sts:AssumeRole"'), '[', 'this "[" is not closed', '[{'],
      ['a condition value not typed yet', role('      Action    = "sts:AssumeRole"\n      Condition = { StringEquals = { "sts:ExternalId" = } }\n    }]'), '', 'a value is expected here', '} }'],
      ['a word being typed', role('      Action    = "sts:AssumeRole"\n      Cond\n    }]'), 'Cond', 'unexpected "Cond"', 'Cond'],
    ]) {
      it(`keeps linting a jsonencode policy with ${name}`, () => {
        const findings = lintText(text, '/m/main.tf', { rules: ['json-syntax', 'principal-any', 'type-mismatch', 'empty-value'] });
        assert.deepStrictEqual(textsOf(text, findings, 'principal-any'), ['"*"']);
        const problems = findings.filter((f) => f.ruleId === 'json-syntax');
        assert.deepStrictEqual(problems.map((f) => under(text, f.span)), [syntax]);
        assert.ok(problems[0].message.includes(message), problems[0].message);
        assert.strictEqual(problems[0].span.offset, text.indexOf(at));
        // The `{}` tree-sitter inserts for a missing value is no empty condition.
        assert.deepStrictEqual(findings.filter((f) => f.ruleId === 'type-mismatch' || f.ruleId === 'empty-value'), []);
      });
    }

    for (const [name, source] of [
      ['an unclosed block', 'resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({\n'],
      ['an unterminated string', 'resource "aws_iam_role" "r" {\n  assume_role_policy = "{\\"Statement\n}\n'],
      ['an unterminated heredoc', 'resource "aws_iam_role" "r" {\n  assume_role_policy = <<EOF\n{"Statement": [\n'],
      ['only a keyword', 'resource "aws_iam_role"'],
      ['deep nesting', `resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode(${'['.repeat(5000)})\n}\n`],
    ]) {
      it(`does not throw on ${name}`, () => {
        const doc = analyse(source, '/m/main.tf');
        assert.ok(doc && !doc.pending);
        lintText(source, '/m/main.tf');
      });
    }
  });

  describe('values known only at plan time', () => {
    const { text, filePath } = readFixture('terraform/unknowns.tf');

    it('raises no finding on var, local, data, resource references, function calls, templates, dynamic blocks', () => {
      assert.deepStrictEqual(described(text, lintText(text, filePath)), []);
    });

    it('turns each of them into an unknown node', () => {
      const policies = analyse(text, filePath)!.policies;
      const unknowns = policies.flatMap((p) => unknownsOf(p.root)).map((n) => under(text, n.span).split('\n')[0]);
      for (const expected of [
        'var.policy_version',
        'var.effect',
        'var.principals',
        '"sts:${var.action}"',
        '"arn:aws:iam::${var.account}:role/x"',
        'local.service',
        'data.aws_iam_openid_connect_provider.gh.arn',
        'concat(["sts:AssumeRole"], var.extra_actions)',
        'random_password.external_id.result',
        'var.conditions',
        'var.extra_statement',
        '{ (var.principal_type) = "*" }',
        'var.enabled ? "Allow" : "Deny"',
        '[for a in var.accounts : "arn:aws:iam::${a}:root"]',
        'source_policy_documents = [data.aws_iam_policy_document.base.json]',
        'dynamic "condition" {',
        'dynamic "principals" {',
        'var.actions',
        'dynamic "statement" {',
        '${jsonencode(var.principals)}',
        '"arn:aws:iam::${var.account}:root"',
        '${var.condition_json}',
      ]) {
        assert.ok(unknowns.includes(expected), `${expected} should be unknown; unknowns: ${JSON.stringify(unknowns, null, 1)}`);
      }
    });

    it('skips roles whose policy lives elsewhere (var.x, templatefile)', () => {
      const roles = analyse(text, filePath)!.policies.map((p) => p.role && under(text, p.role.span));
      assert.ok(!roles.includes('resource "aws_iam_role" "from_variable"'));
      assert.ok(!roles.includes('resource "aws_iam_role" "from_file"'));
    });
  });

  it('a .tf file with no IAM role or policy document costs a substring test', () => {
    assert.strictEqual(analyse('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n', '/m/s3.tf'), undefined);
    assert.deepStrictEqual(analyse('resource "aws_s3_bucket" "b" {}\n', '/m/s3.tf', { force: true })?.policies, []);
  });

  it('before initParsers has resolved, a .tf file comes back pending, then analyses', () => {
    // A fresh process: in this one the parser is already loaded.
    const documents = path.resolve(__dirname, '../../../server/src/documents.js');
    const config = path.resolve(__dirname, '../../../server/src/config.js');
    const script = `
      const { analyseDocument, analyseDocumentAsync } = require(${JSON.stringify(documents)});
      const { mergeConfig } = require(${JSON.stringify(config)});
      const input = { text: 'resource "aws_iam_role" "r" {\\n  assume_role_policy = jsonencode({ Statement = [] })\\n}\\n', filePath: 'main.tf' };
      const first = analyseDocument(input, mergeConfig({}));
      first.pending.then(async () => {
        const again = analyseDocument(input, mergeConfig({}));
        const viaAsync = await analyseDocumentAsync(input, mergeConfig({}));
        console.log(JSON.stringify([first.policies.length, again.policies.length, !!again.pending, viaAsync.policies.length]));
      });`;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20000 });
    assert.deepStrictEqual(JSON.parse(out), [0, 1, false, 1]);
  });
});
