import * as assert from 'assert';
import { pathToFileURL } from 'url';
import { CodeLens } from 'vscode-languageserver-protocol';
import { withTimeout } from './client';
import { useServer } from './suite';

describe('language server: code lenses over stdio', () => {
  const server = useServer((ws) => ({ rootUri: pathToFileURL(ws.dir).href }));

  function codeLenses(uri: string): Promise<CodeLens[] | null> {
    return withTimeout(server.client.connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } }), 'code lenses');
  }

  it('advertises code lenses that need no resolving', () => {
    assert.deepStrictEqual(server.client.initializeResult!.capabilities.codeLensProvider, { resolveProvider: false });
  });

  it('puts "Assume this role" with the document and policy index, and who is trusted, above each policy; follows edits', async () => {
    const text = [
      'Resources:',
      '  Deploy:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      RoleName: deploy',
      '      AssumeRolePolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal:',
      '              AWS: arn:aws:iam::210987654321:role/Pipeline',
      '            Action: sts:AssumeRole',
      '            Condition:',
      '              StringEquals:',
      '                sts:ExternalId: e2e',
      '',
    ].join('\n');
    const uri = server.ws.write('stack/template.yaml', text);
    await server.client.openAndWait(uri, text, 'yaml');
    const lenses = await codeLenses(uri);
    assert.deepStrictEqual(lenses, [
      { range: { start: { line: 6, character: 8 }, end: { line: 6, character: 8 } }, command: { title: 'Assume this role', command: 'iamTrust.assumeRole', arguments: [uri, 0] } },
      { range: { start: { line: 6, character: 8 }, end: { line: 6, character: 8 } }, command: { title: 'Trusts: role Pipeline in 210987654321 · requires ExternalId', command: '' } },
    ]);

    const edited = text.replace('role/Pipeline', 'root').replace(/\n {12}Condition:.*$/s, '\n');
    await server.client.changeAndWait(uri, 2, [{ text: edited }]);
    const after = await codeLenses(uri);
    assert.strictEqual(after?.[1].command?.title, 'Trusts: account 210987654321 (whole account)');
    await server.client.close(uri);
  });

  it('answers an empty list for documents that hold no policy, and for documents it does not have', async () => {
    const uri = server.ws.write('package.json', '{"name": "app"}');
    await server.client.openAndWait(uri, '{"name": "app"}');
    assert.deepStrictEqual(await codeLenses(uri), []);
    await server.client.close(uri);
    assert.deepStrictEqual(await codeLenses(server.ws.uri('never-opened-trust.json')), []);
  });
});
