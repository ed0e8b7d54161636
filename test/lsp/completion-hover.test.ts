import * as assert from 'assert';
import { pathToFileURL } from 'url';
import { Hover, InsertTextFormat, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { positionAt, withTimeout } from './client';
import { useServer } from './suite';

/** The text with `|` removed, and the LSP position where it was. */
function marked(text: string): { text: string; position: { line: number; character: number } } {
  const offset = text.indexOf('|');
  return { text: text.slice(0, offset) + text.slice(offset + 1), position: positionAt(text, offset) };
}

describe('language server: completion and hover over stdio', () => {
  const server = useServer((ws) => ({
    rootUri: pathToFileURL(ws.dir).href,
    settings: { ownAccountIds: ['210987654321'], organizationId: 'o-a1b2c3d4e5' },
  }));

  const complete = (uri: string, position: { line: number; character: number }) => server.client.completion(uri, position);

  async function hover(uri: string, position: { line: number; character: number }): Promise<string | undefined> {
    const result = await withTimeout(server.client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position }), 'hover');
    return result ? (result.contents as MarkupContent).value : undefined;
  }

  it('advertises completion (triggered by " and :) and hover', () => {
    const capabilities = server.client.initializeResult!.capabilities;
    assert.deepStrictEqual(capabilities.completionProvider?.triggerCharacters, ['"', ':']);
    assert.strictEqual(capabilities.hoverProvider, true);
  });

  it('completes principal types in a half-typed document, then the ARN of an own account as the user types on', async () => {
    const first = marked('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"|');
    const uri = server.ws.write('roles/ci-trust.json', first.text);
    await server.client.open(uri, first.text);
    const types = await complete(uri, first.position);
    assert.deepStrictEqual(types.map((i) => i.label).sort(), ['AWS', 'Federated', 'Service']);

    const second = marked('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "|');
    await server.client.change(uri, 2, [{ text: second.text }]);
    const arns = await complete(uri, second.position);
    const role = arns.find((i) => i.label === 'arn:aws:iam::210987654321:role/…');
    assert.ok(role, arns.map((i) => i.label).join(', '));
    assert.strictEqual((role.textEdit as TextEdit).newText, '"arn:aws:iam::210987654321:role/${1:ROLE_NAME}"');
    assert.strictEqual(role.insertTextFormat, InsertTextFormat.Snippet);
    await server.client.close(uri);
  });

  it('offers the trust-pattern snippets in an empty policy file', async () => {
    const uri = server.ws.write('roles/new-trust.json', '');
    await server.client.open(uri, '');
    const items = await complete(uri, { line: 0, character: 0 });
    assert.strictEqual(items.filter((i) => i.label.startsWith('trust-')).length, 15);
    assert.ok(items.every((i) => i.insertTextFormat === InsertTextFormat.Snippet));
    await server.client.close(uri);
  });

  it('fills in the configured organization for aws:PrincipalOrgID', async () => {
    const doc = marked('{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"|"}}}]}');
    const uri = server.ws.write('roles/org-trust.json', doc.text);
    await server.client.open(uri, doc.text);
    const org = (await complete(uri, doc.position)).find((i) => i.label === 'aws:PrincipalOrgID');
    assert.strictEqual(org && (org.textEdit as TextEdit).newText, '"aws:PrincipalOrgID": "o-a1b2c3d4e5"');
    await server.client.close(uri);
  });

  it('hovers a principal and the policy', async () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:role/Deployer"}, "Action": "sts:AssumeRole"}]\n}\n';
    const uri = server.ws.write('roles/hover-trust.json', text);
    await server.client.open(uri, text);
    const principal = await hover(uri, positionAt(text, text.indexOf('arn:') + 3));
    assert.match(principal ?? '', /Only the role `Deployer` in account 210987654321/);
    assert.match(principal ?? '', /one of your own accounts/);
    const summary = await hover(uri, positionAt(text, text.indexOf('"Version"') + 2));
    assert.match(summary ?? '', /Trusted:\n- role Deployer in 210987654321/);
    assert.match(summary ?? '', /of 2,048 characters/);
    await server.client.close(uri);
  });

  it('answers with nothing, and keeps serving, for documents it does not complete', async () => {
    // A YAML file that is no CloudFormation template: nothing in it is a trust policy.
    const yaml = 'name: app\nservices:\n  web:\n    image: nginx\n    Effect: \n';
    const uri = server.ws.write('compose.yaml', yaml);
    await server.client.open(uri, yaml, 'yaml');
    assert.deepStrictEqual(await complete(uri, { line: 4, character: 12 }), []);
    assert.strictEqual(await hover(server.ws.uri('never-opened.json'), { line: 0, character: 0 }), undefined);
    await server.client.roundTrip();
    await server.client.close(uri);
  });
});
