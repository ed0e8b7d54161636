import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { InsertTextMode } from 'vscode-languageserver-types';
import { locateInTree } from '../../server/src/features/cursor';
import { locateYamlSite } from '../../server/src/features/yamlCursor';
import { locateTerraformSite } from '../../server/src/features/hclCursor';
import { parseYaml } from '../../server/src/parser/yaml';
import { Node } from '../../server/src/model/ast';
import { provideCompletions } from '../../server/src/features/completion';
import { analyseDocument, initParsers, PolicySource } from '../../server/src/documents';
import { TrustConfig } from '../../server/src/config';
import { atCursor, fileUri, ZONE_CONFIG } from './cursorMarker';
import { accept as acceptItem, complete, item, labels, newText, replaced, sorted } from './completionItems';

/**
 * Completion in trust policies embedded in CloudFormation YAML templates and Terraform files:
 * the items a user sees at each place, spelled for the format, and documents that still read as
 * the intended trust policy once an item is accepted.
 */

const YAML_URI = fileUri('stack.yaml');
const TF_URI = fileUri('main.tf');

const yaml = (marked: string, config: TrustConfig = ZONE_CONFIG) => complete(marked, config, YAML_URI, 'yaml');
const tf = (marked: string, config: TrustConfig = ZONE_CONFIG) => complete(marked, config, TF_URI, 'terraform');
const accept = (marked: string, label: string, uri: string, languageId: string) => acceptItem(marked, label, ZONE_CONFIG, uri, languageId);

/** The trust policies the engine finds in a file (the one the tests edit is the first). */
function policies(text: string, uri: string, languageId: string): PolicySource[] {
  const analysed = analyseDocument({ text, filePath: uri.replace('file://', ''), languageId }, ZONE_CONFIG);
  assert.ok(analysed && !analysed.skipped, 'the document is analysed');
  return analysed.policies;
}

function onlyStatement(text: string, uri: string, languageId: string) {
  const found = policies(text, uri, languageId);
  assert.strictEqual(found.length, 1, 'one trust policy');
  assert.deepStrictEqual(found[0].syntaxProblems.map((p) => p.message), [], 'no syntax problem');
  return found[0].policy.statements;
}

const GITHUB = 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/formats');

/**
 * Every offset inside a key or a string value of `root` (the cursor after its first character, up
 * to its end, not after a closing quote), with what the tree says is there.
 */
function* tokenOffsets(root: Node): Generator<{ offset: number; kind: 'key' | 'value'; path: unknown[] }> {
  for (let offset = root.span.offset + 1; offset < root.span.offset + root.span.length; offset++) {
    const target = locateInTree(root, offset - 1);
    if (!target || (target.node && target.node.kind !== 'string')) continue;
    const end = target.span.offset + target.span.length;
    if (offset <= target.span.offset || offset > end) continue;
    yield { offset, kind: target.property ? 'key' : 'value', path: target.path };
  }
}

// ---------------------------------------------------------------------------------------------

const TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Deploy:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: deploy\n      AssumeRolePolicyDocument:\n';
const template = (policy: string, after = '') => `${TEMPLATE}${policy}${after}`;
const STATEMENT = '        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n';

describe('completion in CloudFormation YAML', () => {
  describe('keys where they belong, written as YAML', () => {
    it('offers Version, Statement and Id under AssumeRolePolicyDocument, each with its value', () => {
      const items = yaml(template('        |'));
      assert.deepStrictEqual(labels(items).sort(), ['Id', 'Statement', 'Version']);
      assert.strictEqual(newText(item(items, 'Version')), 'Version: "2012-10-17"', 'quoted: a plain 2012-10-17 reads as a date in YAML 1.1');
      assert.strictEqual(newText(item(items, 'Statement')), 'Statement:\n          - $0');
      assert.ok(items.every((i) => i.insertTextMode === InsertTextMode.asIs), 'indentation is written out, not re-indented by the editor');
    });

    it('completes a statement key being typed, replacing what was typed, and not the keys already there', () => {
      const marked = template(STATEMENT, '            Prin|\n            Action: sts:AssumeRole\n');
      const items = yaml(marked);
      assert.deepStrictEqual(labels(items).sort(), ['Condition', 'Principal', 'Sid']);
      assert.strictEqual(replaced(marked, item(items, 'Principal'), YAML_URI, 'yaml'), 'Prin');
      assert.strictEqual(newText(item(items, 'Principal')), 'Principal:\n              ${1|AWS,Service,Federated|}: $2');
    });

    it('leaves a template that reads as the intended policy once a key is accepted', () => {
      const marked = template(STATEMENT, '            |\n');
      const withPrincipal = accept(marked, 'Principal', YAML_URI, 'yaml');
      const principal = onlyStatement(withPrincipal, YAML_URI, 'yaml')[0].principalProperty?.value;
      assert.deepStrictEqual(principal?.kind === 'object' && principal.properties.map((p) => p.key), ['AWS'], withPrincipal);
      const withAction = accept(`${withPrincipal.trimEnd()}\n            |\n`, 'Action', YAML_URI, 'yaml');
      assert.deepStrictEqual(onlyStatement(withAction, YAML_URI, 'yaml')[0].actions.map((a) => a.value), ['sts:AssumeRole']);
    });

    it('completes the name only when the colon is already there', () => {
      const items = yaml(template(STATEMENT, '            Prin|: {}\n'));
      assert.strictEqual(newText(item(items, 'Principal')), 'Principal');
    });

    it('offers the principal types and the operators under Principal and Condition', () => {
      assert.deepStrictEqual(labels(yaml(template(STATEMENT, '            Principal:\n              |\n'))).sort(), ['AWS', 'Federated', 'Service']);
      const operators = sorted(yaml(template(STATEMENT, '            Condition:\n              |\n')));
      assert.strictEqual(operators[0].label, 'StringEquals');
      assert.strictEqual(newText(operators[0]), 'StringEquals:\n                $1: $2');
    });
  });

  describe('values', () => {
    it('offers Allow and Deny after Effect:, with the space a value needs after a bare colon', () => {
      assert.deepStrictEqual(labels(yaml(template('        Statement:\n          - Effect: |\n'))), ['Allow', 'Deny']);
      assert.strictEqual(newText(item(yaml(template('        Statement:\n          - Effect:|\n')), 'Allow')), ' Allow');
      const quoted = template('        Statement:\n          - Effect: "Al|"\n');
      const allow = item(yaml(quoted), 'Allow');
      assert.strictEqual(newText(allow), '"Allow"');
      assert.strictEqual(replaced(quoted, allow, YAML_URI, 'yaml'), '"Al"');
    });

    it('puts the action that fits the principal first, in a block list or a flow list, without those listed', () => {
      const github = template(`        Statement:\n          - Effect: Allow\n            Principal:\n              Federated: ${GITHUB}\n            Action:\n              - |\n`);
      const items = sorted(yaml(github));
      assert.strictEqual(items[0].label, 'sts:AssumeRoleWithWebIdentity');
      assert.strictEqual(items[0].preselect, true);
      const flow = yaml(template('        Statement:\n          - Effect: Allow\n            Principal: {Service: pods.eks.amazonaws.com}\n            Action: [sts:AssumeRole, |]\n'));
      assert.ok(!labels(flow).includes('sts:AssumeRole'));
      assert.strictEqual(sorted(flow)[0].label, 'sts:TagSession', 'EKS Pod Identity also needs sts:TagSession');
    });

    it('offers service principals in a block map, a block list and a flow map', () => {
      for (const marked of [
        template(STATEMENT, '            Principal:\n              Service: |\n'),
        template(STATEMENT, '            Principal:\n              Service:\n                - ec2.amazonaws.com\n                - |\n'),
        template(STATEMENT, '            Principal: {Service: |}\n'),
      ]) {
        const items = yaml(marked);
        assert.ok(labels(items).includes('ecs-tasks.amazonaws.com'), marked);
        assert.strictEqual(newText(item(items, 'lambda.amazonaws.com')), 'lambda.amazonaws.com');
      }
      assert.ok(!labels(yaml(template(STATEMENT, '            Principal:\n              Service:\n                - ec2.amazonaws.com\n                - |\n'))).includes('ec2.amazonaws.com'));
    });

    it('builds ARN templates of the configured accounts for AWS principals', () => {
      const items = sorted(yaml(template(STATEMENT, '            Principal:\n              AWS: |\n')));
      assert.strictEqual(newText(items[0]), 'arn:aws:iam::210987654321:role/${1:ROLE_NAME}');
    });

    it('quotes the values YAML would read as something else: an account id, true, *', () => {
      const keys = yaml(template(STATEMENT, '            Principal:\n              Service: events.amazonaws.com\n            Condition:\n              StringEquals:\n                |\n'));
      assert.strictEqual(newText(item(keys, 'aws:SourceAccount')), 'aws:SourceAccount: "210987654321"');
      const bool = yaml(template(STATEMENT, '            Condition:\n              Bool:\n                aws:MultiFactorAuthPresent: |\n'));
      assert.deepStrictEqual(labels(bool), ['true', 'false']);
      assert.strictEqual(newText(bool[0]), '"true"');
      const org = accept(template(STATEMENT, '            Principal:\n              AWS: "*"\n            Action: sts:AssumeRole\n            Condition:\n              StringEquals:\n                |\n'), 'aws:PrincipalOrgID', YAML_URI, 'yaml');
      const [statement] = onlyStatement(org, YAML_URI, 'yaml');
      assert.deepStrictEqual(statement.conditions.map((c) => [c.operator, c.key, c.values.map((v) => v.value)]), [['StringEquals', 'aws:PrincipalOrgID', ['o-a1b2c3d4e5']]]);
    });

    it('offers the claims of the statement\'s identity provider first, also right after `aws:`-style prefixes', () => {
      const base = `        Statement:\n          - Effect: Allow\n            Principal:\n              Federated: ${GITHUB}\n            Condition:\n              StringEquals:\n`;
      const items = sorted(yaml(template(base, '                |\n')));
      assert.deepStrictEqual(labels(items.slice(0, 2)), ['token.actions.githubusercontent.com:aud', 'token.actions.githubusercontent.com:sub']);
      assert.strictEqual(newText(items[0]), 'token.actions.githubusercontent.com:aud: sts.amazonaws.com');
      // `token.actions.githubusercontent.com:` at the end of a line reads as a key with no value; it is a key being typed.
      const cut = template(base, '                token.actions.githubusercontent.com:|\n');
      const typed = yaml(cut);
      assert.ok(labels(typed).includes('token.actions.githubusercontent.com:sub'));
      assert.strictEqual(replaced(cut, item(typed, 'token.actions.githubusercontent.com:sub'), YAML_URI, 'yaml'), 'token.actions.githubusercontent.com:');
    });
  });

  describe('snippets, converted to YAML', () => {
    it('offers the statement keys and the statement patterns in a new item of Statement', () => {
      const items = yaml(template('        Statement:\n          - |\n'));
      assert.ok(labels(items).includes('Effect'));
      assert.strictEqual(labels(items).filter((l) => l.startsWith('stmt-')).length, 15);
      const accepted = accept(template('        Version: "2012-10-17"\n        Statement:\n          - |\n'), 'stmt-github-branch', YAML_URI, 'yaml');
      const [statement] = onlyStatement(accepted, YAML_URI, 'yaml');
      assert.strictEqual(statement.principals[0].value, GITHUB.replace('210987654321', 'ACCOUNT_ID'));
      assert.deepStrictEqual(statement.actions.map((a) => a.value), ['sts:AssumeRoleWithWebIdentity']);
      assert.deepStrictEqual(statement.conditions.map((c) => c.key), ['token.actions.githubusercontent.com:aud', 'token.actions.githubusercontent.com:sub']);
    });

    it('offers the whole-policy patterns as the value of AssumeRolePolicyDocument', () => {
      const marked = `${TEMPLATE.replace('AssumeRolePolicyDocument:\n', 'AssumeRolePolicyDocument: |\n')}`;
      const items = yaml(marked);
      assert.strictEqual(items.filter((i) => i.label.startsWith('trust-')).length, 15);
      const accepted = accept(marked, 'trust-organization', YAML_URI, 'yaml');
      const [statement] = onlyStatement(accepted, YAML_URI, 'yaml');
      assert.deepStrictEqual(statement.conditions.map((c) => c.key), ['aws:PrincipalOrgID']);
      assert.doesNotMatch(accepted, /AssumeRolePolicyDocument: \n/, 'no trailing space left after the colon');
    });
  });

  describe('where it stays quiet', () => {
    it('offers nothing outside the trust policy of a role', () => {
      assert.deepStrictEqual(yaml(template('        Statement: []\n', '      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n              - |\n')), []);
      assert.deepStrictEqual(yaml('Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      AssumeRolePolicyDocument:\n        |\n'), []);
      assert.deepStrictEqual(yaml(template('        |', '').replace('      RoleName: deploy\n', '      RoleName: |\n').replace('        |', '        Statement: []')), []);
    });

    it('offers nothing where the lines above cannot be read with certainty', () => {
      assert.deepStrictEqual(yaml(template('        Statement: !If\n          - Cond\n          - - Effect: |\n')), []);
      assert.deepStrictEqual(yaml(template('        Statement:\n          - Effect: Allow  # |\n')), []);
      assert.deepStrictEqual(yaml(template('        Statement:\n\t- Effect: |\n')), []);
      assert.deepStrictEqual(yaml(template('        Statement:\n          - Sid: >\n              long text\n              |\n')), []);
      // A value typed after `Action:` would clash with the list already under it.
      assert.deepStrictEqual(yaml(template('        Statement:\n          - Effect: Allow\n            Action: |\n              - sts:AssumeRole\n')), []);
      // At the column of the list's dashes, a key would break the list: the line needs its `- ` first.
      assert.deepStrictEqual(yaml(template('        Statement:\n          - Effect: Allow\n          |\n')), []);
    });

    it('reads templates that open with a document marker, carry comments and end lines with CRLF', () => {
      const marked = `---\n# roles\n${template('        Statement:\n          # the CI role\n          - Effect: Allow\n\n            Prin|\n')}`;
      assert.ok(labels(yaml(marked)).includes('Principal'));
      assert.ok(labels(yaml(marked.replace(/\n/g, '\r\n'))).includes('Principal'));
    });

    it('completes in a template broken further down, and in a Serverless function', () => {
      assert.ok(labels(yaml(template(STATEMENT, '            Prin|\n  Broken: [\n'))).includes('Principal'));
      const sam = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: |\n';
      assert.deepStrictEqual(labels(yaml(sam)), ['Allow', 'Deny']);
    });

    it('agrees with the YAML parser on where every key and value of the example templates is', () => {
      const dir = path.join(FIXTURES, 'cloudformation');
      for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
        const text = fs.readFileSync(path.join(dir, name), 'utf8');
        const root = parseYaml(text).root!;
        let checked = 0;
        for (const { offset, kind, path: expected } of tokenOffsets(root)) {
          const site = locateYamlSite(text, offset);
          // After a closing quote nothing is typed: no site there.
          if (!site) {
            assert.match(text[offset - 1], /["']/, `${name} at ${offset}`);
            continue;
          }
          assert.deepStrictEqual([site.kind === kind || site.item, site.path], [true, expected], `${name} at ${offset}: ${JSON.stringify(text.slice(offset - 20, offset))}`);
          checked++;
        }
        assert.ok(checked > 100, name);
      }
    });

    it('never throws, at any offset of a template cut anywhere', () => {
      const full = template(`${STATEMENT}            Principal:\n              Federated: ${GITHUB}\n            Action: [sts:AssumeRoleWithWebIdentity]\n            Condition:\n              StringLike: {"token.actions.githubusercontent.com:sub": "repo:a/b:*"}\n`);
      for (let cut = TEMPLATE.length; cut <= full.length; cut += 11) {
        const text = full.slice(0, cut);
        for (let at = TEMPLATE.length - 20; at <= text.length; at += 5) yaml(`${text.slice(0, at)}|${text.slice(at)}`);
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------

const ROLE = 'resource "aws_iam_role" "ci" {\n  name = "ci"\n  assume_role_policy = jsonencode({\n';
const role = (policy: string) => `${ROLE}${policy}`;
const JSONENCODE_STATEMENT = '    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n';
const CLOSE = '    }]\n  })\n}\n';

describe('completion in Terraform', () => {
  before(async function () {
    this.timeout(20000);
    await initParsers();
  });

  describe('jsonencode objects', () => {
    it('completes a statement key being typed with `Key = value`, not the keys already there', () => {
      const marked = role(`${JSONENCODE_STATEMENT}      Prin|\n      Action = "sts:AssumeRole"\n${CLOSE}`);
      const items = tf(marked);
      assert.deepStrictEqual(labels(items).sort(), ['Condition', 'Principal', 'Sid']);
      assert.strictEqual(replaced(marked, item(items, 'Principal'), TF_URI, 'terraform'), 'Prin');
      assert.strictEqual(newText(item(items, 'Principal')), 'Principal = { ${1|AWS,Service,Federated|} = "$2" }');
    });

    it('leaves a role whose policy reads as intended once items are accepted', () => {
      const withPrincipal = accept(role(`${JSONENCODE_STATEMENT}      |\n${CLOSE}`), 'Principal', TF_URI, 'terraform');
      const withAction = accept(withPrincipal.replace('}\n    }]', '}\n      |\n    }]'), 'Action', TF_URI, 'terraform');
      const [statement] = onlyStatement(withAction, TF_URI, 'terraform');
      assert.deepStrictEqual(statement.principals.map((p) => p.type), ['AWS']);
      assert.deepStrictEqual(statement.actions.map((a) => a.value), ['sts:AssumeRole']);
    });

    it('writes `"Key": value` where the object is written like JSON', () => {
      const items = tf(role('    "Version": "2012-10-17",\n    "Statement": [{ "Effect": "Allow", |'));
      assert.strictEqual(newText(item(items, 'Principal')), '"Principal": { "${1|AWS,Service,Federated|}": "$2" }');
    });

    it('quotes condition keys that are not identifiers', () => {
      const items = tf(role(`${JSONENCODE_STATEMENT}      Principal = { AWS = "*" }\n      Condition = {\n        StringEquals = {\n          |\n        }\n      }\n${CLOSE}`));
      assert.strictEqual(newText(item(items, 'aws:PrincipalOrgID')), '"aws:PrincipalOrgID" = "o-a1b2c3d4e5"');
    });

    it('puts the action that fits a federated principal first, after `=` with nothing typed yet', () => {
      const items = sorted(tf(role(`${JSONENCODE_STATEMENT}      Principal = { Federated = "${GITHUB}" }\n      Action = |\n${CLOSE}`)));
      assert.strictEqual(items[0].label, 'sts:AssumeRoleWithWebIdentity');
      assert.strictEqual(newText(items[0]), '"sts:AssumeRoleWithWebIdentity"');
    });

    it('completes in a half-typed file: an open string, no closing braces', () => {
      const marked = role(`${JSONENCODE_STATEMENT}      Principal = { Service = "ecs|`);
      const items = tf(marked);
      const ecs = item(items, 'ecs-tasks.amazonaws.com');
      assert.strictEqual(newText(ecs), '"ecs-tasks.amazonaws.com"');
      assert.strictEqual(replaced(marked, ecs, TF_URI, 'terraform'), '"ecs');
      assert.ok(labels(tf(role(`${JSONENCODE_STATEMENT}      Action = ["sts:AssumeRole", "|`))).includes('sts:TagSession'));
    });

    it('offers the statement patterns in the Statement list and the policy patterns in jsonencode(), as HCL', () => {
      const inList = role('    Version = "2012-10-17"\n    Statement = [\n      |\n    ]\n  })\n}\n');
      const accepted = accept(inList, 'stmt-third-party', TF_URI, 'terraform');
      const [statement] = onlyStatement(accepted, TF_URI, 'terraform');
      assert.deepStrictEqual(statement.conditions.map((c) => c.key), ['sts:ExternalId']);
      const call = 'resource "aws_iam_role" "ci" {\n  assume_role_policy = jsonencode(|)\n}\n';
      assert.strictEqual(tf(call).filter((i) => i.label.startsWith('trust-')).length, 15);
      assert.deepStrictEqual(onlyStatement(accept(call, 'trust-service', TF_URI, 'terraform'), TF_URI, 'terraform')[0].principals.map((p) => p.value), ['events.amazonaws.com']);
    });
  });

  describe('heredocs and JSON strings', () => {
    it('completes the JSON of a heredoc, and offers the whole-policy patterns in an empty one', () => {
      const heredoc = 'resource "aws_iam_role" "ci" {\n  assume_role_policy = <<EOF\n{\n  "Statement": [{"Effect": "Allow", "Principal": {"Service": "${var.service}"}, "|"}]\n}\nEOF\n}\n';
      const items = tf(heredoc);
      assert.strictEqual(newText(item(items, 'Action')).startsWith('"Action": "${1|sts:AssumeRole'), true);
      const empty = 'resource "aws_iam_role" "ci" {\n  assume_role_policy = <<-EOF\n    |\n  EOF\n}\n';
      assert.strictEqual(tf(empty).filter((i) => i.label.startsWith('trust-')).length, 15);
      assert.deepStrictEqual(onlyStatement(accept(empty, 'trust-role', TF_URI, 'terraform'), TF_URI, 'terraform')[0].actions.map((a) => a.value), ['sts:AssumeRole']);
    });

    it('escapes the quotes of what it inserts into a JSON string, and offers no multi-line patterns there', () => {
      const marked = 'resource "aws_iam_role" "ci" {\n  assume_role_policy = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Principal\\": {\\"Service\\": \\"lambda.amazonaws.com\\"}, \\"|\\"}]}"\n}\n';
      const items = tf(marked);
      const action = item(items, 'Action');
      assert.strictEqual(replaced(marked, action, TF_URI, 'terraform'), '\\"\\"');
      const accepted = accept(marked, 'Action', TF_URI, 'terraform');
      assert.deepStrictEqual(onlyStatement(accepted, TF_URI, 'terraform')[0].actions.map((a) => a.value), ['sts:AssumeRole']);
      const list = 'resource "aws_iam_role" "ci" {\n  assume_role_policy = "{\\"Statement\\": [|]}"\n}\n';
      assert.deepStrictEqual(tf(list), []);
    });
  });

  describe('data "aws_iam_policy_document"', () => {
    const DATA = 'data "aws_iam_policy_document" "assume" {\n  statement {\n';
    const data = (body: string) => `${DATA}${body}  }\n}\n`;

    it('offers the block names of the provider where a line starts, with their blocks', () => {
      assert.deepStrictEqual(labels(tf('data "aws_iam_policy_document" "assume" {\n  |\n}\n')), ['statement', 'version']);
      const items = tf(data('    |\n'));
      assert.deepStrictEqual(labels(items), ['effect', 'principals', 'actions', 'condition', 'sid', 'not_actions']);
      assert.strictEqual(newText(item(items, 'principals')), 'principals {\n      type        = "${1|AWS,Service,Federated|}"\n      identifiers = ["$2"]\n    }');
      assert.deepStrictEqual(labels(tf(data('    actions = ["sts:AssumeRole"]\n    |\n'))), ['effect', 'principals', 'condition', 'sid']);
      assert.deepStrictEqual(labels(tf(data('    principals {\n      |\n    }\n'))), ['type', 'identifiers']);
      assert.deepStrictEqual(labels(tf(data('    condition {\n      te|\n    }\n'))), ['test', 'variable', 'values']);
      assert.strictEqual(newText(item(tf(data('    eff| = "Allow"\n')), 'effect')), 'effect');
    });

    it('reads as the intended policy once a principals block is accepted', () => {
      const accepted = accept(data('    actions = ["sts:AssumeRole"]\n    |\n'), 'principals', TF_URI, 'terraform');
      const found = policies(accepted.replace('"$2"', '"arn:aws:iam::210987654321:root"'), TF_URI, 'terraform');
      assert.deepStrictEqual(found[0].policy.statements[0].principals.map((p) => p.type), ['AWS']);
    });

    it('offers effect values, the actions that fit the principals first, and the principal types', () => {
      assert.deepStrictEqual(labels(tf(data('    effect = |\n'))), ['Allow', 'Deny']);
      assert.strictEqual(newText(tf(data('    effect = |\n'))[0]), '"Allow"');
      const federated = `    principals {\n      type        = "Federated"\n      identifiers = ["${GITHUB}"]\n    }\n`;
      const actions = sorted(tf(data(`${federated}    actions = ["|"]\n`)));
      assert.strictEqual(actions[0].label, 'sts:AssumeRoleWithWebIdentity');
      assert.strictEqual(newText(sorted(tf(data(`${federated}    actions = |\n`)))[0]), '["sts:AssumeRoleWithWebIdentity"]', 'a list where the attribute is one');
      assert.deepStrictEqual(labels(tf(data('    principals {\n      type = "|"\n    }\n'))), ['AWS', 'Service', 'Federated']);
    });

    it('offers principals of the block\'s type, operators, and condition keys and values for the statement', () => {
      assert.ok(labels(tf(data('    principals {\n      type        = "Service"\n      identifiers = ["|"]\n    }\n'))).includes('ec2.amazonaws.com'));
      assert.ok(tf(data('    principals {\n      type        = "Federated"\n      identifiers = [|]\n    }\n')).some((i) => newText(i) === `"${GITHUB}"`));
      assert.strictEqual(sorted(tf(data('    condition {\n      test = "|"\n    }\n')))[0].label, 'StringEquals');
      const federated = `    principals {\n      type        = "Federated"\n      identifiers = ["${GITHUB}"]\n    }\n`;
      const keys = sorted(tf(data(`${federated}    condition {\n      test     = "StringEquals"\n      variable = "|"\n    }\n`)));
      assert.strictEqual(keys[0].label, 'token.actions.githubusercontent.com:aud');
      assert.strictEqual(newText(keys[0]), '"token.actions.githubusercontent.com:aud"');
      const values = tf(data('    condition {\n      test     = "StringEquals"\n      variable = "aws:PrincipalOrgID"\n      values   = ["|"]\n    }\n'));
      assert.deepStrictEqual(labels(values), ['o-a1b2c3d4e5']);
    });

    it('completes in a half-typed block: a value still missing on the line above', () => {
      const items = tf('data "aws_iam_policy_document" "assume" {\n  statement {\n    effect = \n    principals {\n      type = "Service"\n      identifiers = ["|\n');
      assert.ok(labels(items).includes('lambda.amazonaws.com'));
    });
  });

  describe('where it stays quiet', () => {
    it('offers nothing outside trust policies', () => {
      assert.deepStrictEqual(tf(`${ROLE.replace('name = "ci"', 'name = "|"')}    Statement = []\n  })\n}\n`), []);
      assert.deepStrictEqual(tf('resource "aws_s3_bucket_policy" "b" {\n  policy = jsonencode({\n    Statement = [{\n      |\n    }]\n  })\n}\n'), []);
      assert.deepStrictEqual(tf('data "aws_iam_policy_document" "read" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n    |\n  }\n}\n'), []);
      assert.deepStrictEqual(tf('data "aws_iam_policy_document" "d" {\n  dynamic "statement" {\n    content {\n      |\n    }\n  }\n}\n'), []);
    });

    it('completes a data source that a role uses, whatever its content says yet', () => {
      const text = 'resource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.x.json\n}\n\ndata "aws_iam_policy_document" "x" {\n  statement {\n    actions = ["|"]\n  }\n}\n';
      assert.ok(labels(tf(text)).includes('sts:AssumeRole'));
    });

    it('answers through the server entry point, which waits for the parser', async () => {
      const { document, position } = atCursor(role(`${JSONENCODE_STATEMENT.replace('Effect = "Allow"', 'Effect = |')}${CLOSE}`), TF_URI, 'terraform');
      assert.deepStrictEqual(labels((await provideCompletions(document, position, ZONE_CONFIG)).items), ['Allow', 'Deny']);
    });

    it('agrees with the HCL reader on where every key and value of the example jsonencode policies is', () => {
      const dir = path.join(FIXTURES, 'terraform');
      let checked = 0;
      for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.tf'))) {
        const text = fs.readFileSync(path.join(dir, name), 'utf8');
        const jsonencoded = policies(text, fileUri(name), 'terraform').filter((p) => p.format === 'hcl' && text.slice(0, p.root.span.offset).trimEnd().endsWith('jsonencode('));
        for (const source of jsonencoded) {
          for (const { offset, kind, path: expected } of tokenOffsets(source.root)) {
            const site = locateTerraformSite(text, offset);
            if (!site) {
              assert.strictEqual(text[offset - 1], '"', `${name} at ${offset}`);
              continue;
            }
            assert.ok(site.mode === 'jsonencode', `${name} at ${offset}`);
            assert.deepStrictEqual([site.kind, site.path], [kind, expected], `${name} at ${offset}: ${JSON.stringify(text.slice(offset - 20, offset))}`);
            checked++;
          }
        }
      }
      assert.ok(checked > 300, `${checked} offsets checked`);
    });

    it('never throws, at any offset of a file cut anywhere', () => {
      const full = `${role(`${JSONENCODE_STATEMENT}      Principal = { Federated = "${GITHUB}" }\n      Action = ["sts:AssumeRoleWithWebIdentity"]\n      Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:a/b:*" } }\n${CLOSE}`)}\ndata "aws_iam_policy_document" "d" {\n  statement {\n    principals {\n      type = "Service"\n      identifiers = ["ec2.amazonaws.com"]\n    }\n    condition {\n      test = "StringEquals"\n      variable = "aws:SourceAccount"\n      values = ["1"]\n    }\n  }\n}\n`;
      for (let cut = 0; cut <= full.length; cut += 13) {
        const text = full.slice(0, cut);
        for (let at = 0; at <= text.length; at += 7) tf(`${text.slice(0, at)}|${text.slice(at)}`);
      }
    });
  });
});
