import * as assert from 'assert';
import { pathToFileURL } from 'url';
import { CompletionItem, InsertTextFormat, InsertTextMode, TextEdit } from 'vscode-languageserver-protocol';
import { positionAt } from './client';
import { useServer } from './suite';

/** The text with `|` removed, and the LSP position where it was. */
function marked(text: string): { text: string; position: { line: number; character: number } } {
  const offset = text.indexOf('|');
  return { text: text.slice(0, offset) + text.slice(offset + 1), position: positionAt(text, offset) };
}

const GITHUB = 'arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com';

describe('language server: completion in CloudFormation YAML and Terraform over stdio', () => {
  const server = useServer((ws) => ({
    rootUri: pathToFileURL(ws.dir).href,
    settings: { ownAccountIds: ['210987654321'], organizationId: 'o-a1b2c3d4e5' },
  }));

  const complete = (uri: string, position: { line: number; character: number }) => server.client.completion(uri, position);

  const newText = (i: CompletionItem | undefined) => (i?.textEdit as TextEdit | undefined)?.newText;
  const byLabel = (items: CompletionItem[], label: string) => items.find((i) => i.label === label);

  it('completes statement keys and values in a half-typed CloudFormation YAML template, spelled as YAML', async () => {
    const head = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Ci:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n';
    const first = marked(`${head}            Prin|\n`);
    const uri = server.ws.write('stack/roles.yaml', first.text);
    await server.client.open(uri, first.text, 'yaml');
    const keys = await complete(uri, first.position);
    const principal = byLabel(keys, 'Principal');
    assert.strictEqual(newText(principal), 'Principal:\n              ${1|AWS,Service,Federated|}: $2');
    assert.strictEqual(principal?.insertTextMode, InsertTextMode.asIs);
    assert.ok(!byLabel(keys, 'Effect'), 'Effect is already there');

    const second = marked(`${head}            Principal:\n              Federated: ${GITHUB}\n            Action: |\n`);
    await server.client.change(uri, 2, [{ text: second.text }]);
    const actions = (await complete(uri, second.position)).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.strictEqual(actions[0].label, 'sts:AssumeRoleWithWebIdentity', 'the action of the principal first');
    assert.strictEqual(newText(actions[0]), 'sts:AssumeRoleWithWebIdentity');
    await server.client.close(uri);
  });

  it('completes a Terraform jsonencode policy with a missing closing brace, once the server has loaded its parser', async () => {
    const doc = marked('resource "aws_iam_role" "ci" {\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n      Principal = { Service = "|');
    const uri = server.ws.write('infra/main.tf', doc.text);
    await server.client.open(uri, doc.text, 'terraform');
    const items = await complete(uri, doc.position);
    const ecs = byLabel(items, 'ecs-tasks.amazonaws.com');
    assert.strictEqual(newText(ecs), '"ecs-tasks.amazonaws.com"');
    // The open quote typed so far is replaced, on the original file's line.
    assert.deepStrictEqual((ecs?.textEdit as TextEdit).range, { start: { line: 5, character: doc.position.character - 1 }, end: doc.position });
    assert.strictEqual(ecs?.insertTextFormat, InsertTextFormat.Snippet);
    await server.client.close(uri);
  });

  it('completes aws_iam_policy_document blocks with the provider\'s names and the configured organization', async () => {
    const names = marked('data "aws_iam_policy_document" "assume" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    |\n  }\n}\n');
    const uri = server.ws.write('infra/trust.tf', names.text);
    await server.client.open(uri, names.text, 'terraform');
    assert.deepStrictEqual((await complete(uri, names.position)).map((i) => i.label), ['effect', 'principals', 'condition', 'sid']);

    const values = marked('data "aws_iam_policy_document" "assume" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    condition {\n      test     = "StringEquals"\n      variable = "aws:PrincipalOrgID"\n      values   = [|]\n    }\n  }\n}\n');
    await server.client.change(uri, 2, [{ text: values.text }]);
    assert.deepStrictEqual((await complete(uri, values.position)).map(newText), ['"o-a1b2c3d4e5"']);
    await server.client.close(uri);
  });

  it('offers nothing outside trust policies in these formats', async () => {
    const bucket = marked('resource "aws_s3_bucket_policy" "b" {\n  policy = jsonencode({\n    Statement = [{\n      |\n    }]\n  })\n}\n');
    const uri = server.ws.write('infra/bucket.tf', bucket.text);
    await server.client.open(uri, bucket.text, 'terraform');
    assert.deepStrictEqual(await complete(uri, bucket.position), []);
    await server.client.close(uri);
  });
});
