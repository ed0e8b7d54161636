import * as assert from 'assert';
import { pathToFileURL } from 'url';
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeOf, withTimeout } from './client';
import { useServer } from './suite';

const OWN = '210987654321';
const VENDOR = '348201957364';
const ORG_ID = 'o-a1b2c3d4e5';

const policy = (statement: object) => `${JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2)}\n`;

describe('language server: code actions over stdio', () => {
  const server = useServer((ws) => ({ rootUri: pathToFileURL(ws.dir).href, settings: { ownAccountIds: [OWN], organizationId: ORG_ID } }));
  let version = 1;

  function codeActions(uri: string, diagnostic: Diagnostic | undefined, only?: string[]): Promise<CodeAction[]> {
    const range = diagnostic?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return withTimeout(
      server.client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: diagnostic ? [diagnostic] : [], only } }),
      'textDocument/codeAction',
    );
  }

  /** Applies the action's edit to the text as the editor would, sends it, and returns the new diagnostics. */
  async function applyAndWait(uri: string, text: string, action: CodeAction): Promise<{ text: string; diagnostics: Diagnostic[] }> {
    const edits = action.edit?.changes?.[uri];
    assert.ok(edits && edits.length > 0, `"${action.title}" carries no edit for ${uri}: ${JSON.stringify(action.edit)}`);
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'json', version, text), edits);
    version++;
    const diagnostics = await server.client.changeAndWait(uri, version, [{ text: fixed }]);
    return { text: fixed, diagnostics };
  }

  async function openWithProblem(relative: string, text: string, code: string, languageId = 'json'): Promise<{ uri: string; diagnostic: Diagnostic }> {
    const uri = server.ws.write(relative, text);
    version = 1;
    const diagnostics = await server.client.openAndWait(uri, text, languageId, version);
    const diagnostic = diagnostics.find((d) => d.code === code);
    assert.ok(diagnostic, `no ${code} in ${JSON.stringify(diagnostics)}`);
    return { uri, diagnostic };
  }

  it('advertises quick fixes and "fix all"', () => {
    const provider = server.client.initializeResult!.capabilities.codeActionProvider as { codeActionKinds?: string[] };
    assert.deepStrictEqual(provider.codeActionKinds, [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.iam-trust`]);
  });

  it('fixes a cross-account trust with an ExternalId, and the warning goes away', async () => {
    const text = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR}:root` }, Action: 'sts:AssumeRole' });
    const { uri, diagnostic } = await openWithProblem('roles/vendor-trust.json', text, 'cross-account-no-external-id');
    assert.deepStrictEqual(diagnostic.range, rangeOf(text, `"arn:aws:iam::${VENDOR}:root"`));

    const actions = await codeActions(uri, diagnostic);
    const fix = actions.find((a) => a.kind === CodeActionKind.QuickFix && a.title.includes('sts:ExternalId'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepStrictEqual(fix.diagnostics, [diagnostic]);

    const after = await applyAndWait(uri, text, fix);
    const externalId = JSON.parse(after.text).Statement[0].Condition.StringEquals['sts:ExternalId'];
    assert.match(externalId, /^[0-9a-f-]{36}$/);
    assert.deepStrictEqual(after.diagnostics.filter((d) => d.code === 'cross-account-no-external-id'), []);
  });

  it('narrows {"AWS": "*"} to the configured organization: the error becomes a hint', async () => {
    const text = policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
    const { uri, diagnostic } = await openWithProblem('roles/open-trust.json', text, 'principal-any');
    assert.strictEqual(diagnostic.severity, DiagnosticSeverity.Error);

    const [fix] = await codeActions(uri, diagnostic, [CodeActionKind.QuickFix]);
    assert.strictEqual(fix.isPreferred, true);
    const after = await applyAndWait(uri, text, fix);
    assert.deepStrictEqual(
      after.diagnostics.filter((d) => d.code === 'principal-any').map((d) => [d.severity, d.message.includes(ORG_ID)]),
      [[DiagnosticSeverity.Hint, true]],
    );
  });

  it('replaces an account root in CloudFormation YAML in place, and offers nothing that would insert JSON there', async () => {
    const text = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      `            Principal: { AWS: "arn:aws:iam::${VENDOR}:root" }`,
      '            Action: sts:AssumeRole',
      '',
    ].join('\n');
    const { uri, diagnostic } = await openWithProblem('stacks/role.yaml', text, 'principal-account-root', 'yaml');
    const all = await codeActions(uri, diagnostic, [CodeActionKind.QuickFix]);
    const actions = all.filter((a) => !a.title.startsWith('Suppress '));
    assert.deepStrictEqual(actions.map((a) => a.diagnostics?.[0].code), ['principal-account-root'], 'the ExternalId fix would insert JSON: not offered');
    const after = await applyAndWait(uri, text, actions[0]);
    assert.ok(after.text.includes(`AWS: "arn:aws:iam::${VENDOR}:role/ROLE_NAME"`), after.text);
    assert.deepStrictEqual(after.diagnostics.filter((d) => d.code === 'principal-account-root'), []);
  });

  it('replaces an account root in Terraform jsonencode in place', async () => {
    const text = [
      'resource "aws_iam_role" "audit" {',
      '  name = "audit"',
      '  assume_role_policy = jsonencode({',
      '    Version = "2012-10-17"',
      `    Statement = [{ Effect = "Allow", Principal = { AWS = "${VENDOR}" }, Action = "sts:AssumeRole" }]`,
      '  })',
      '}',
      '',
    ].join('\n');
    const { uri, diagnostic } = await openWithProblem('infra/audit.tf', text, 'principal-account-root', 'terraform');
    const all = await codeActions(uri, diagnostic, [CodeActionKind.QuickFix]);
    const actions = all.filter((a) => !a.title.startsWith('Suppress '));
    assert.deepStrictEqual(actions.map((a) => a.diagnostics?.[0].code), ['principal-account-root'], JSON.stringify(actions.map((a) => a.title)));
    // Terraform has comments: the finding can also be silenced with an iam-trust-ignore comment.
    const suppress = all.find((a) => a.title === 'Suppress principal-account-root on this line');
    assert.ok(suppress, JSON.stringify(all.map((a) => a.title)));
    const silenced = await applyAndWait(uri, text, suppress);
    assert.match(silenced.text, /(#|\/\/) iam-trust-ignore principal-account-root: /);
    assert.deepStrictEqual(silenced.diagnostics.filter((d) => d.code === 'principal-account-root'), []);
    version++;
    await server.client.changeAndWait(uri, version, [{ text }]);
    const after = await applyAndWait(uri, text, actions[0]);
    assert.ok(after.text.includes(`AWS = "arn:aws:iam::${VENDOR}:role/ROLE_NAME"`), after.text);
    assert.deepStrictEqual(after.diagnostics.filter((d) => d.code === 'principal-account-root'), []);
  });

  it('"fix all" applies every preferred fix in one edit', async () => {
    const text = `{
  "Version": "2012-10-18",
  "Statement": [
    { "Efect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Resource": "*" }
  ]
}
`;
    const { uri } = await openWithProblem('roles/broken-trust.json', text, 'unknown-element');
    const actions = await codeActions(uri, undefined, [CodeActionKind.SourceFixAll]);
    assert.deepStrictEqual(actions.map((a) => a.title), ['Fix all auto-fixable problems']);
    const after = await applyAndWait(uri, text, actions[0]);
    const statement = JSON.parse(after.text).Statement[0];
    assert.deepStrictEqual(statement, { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } } });
    assert.deepStrictEqual(
      after.diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Hint).map((d) => d.code),
      [],
    );
  });

  it('answers an empty list for a document it does not know, and for a stale version', async () => {
    assert.deepStrictEqual(await codeActions(server.ws.uri('never-opened.json'), undefined), []);
    const text = policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
    const { uri, diagnostic } = await openWithProblem('roles/stale-trust.json', text, 'principal-any');
    // A change the server has not analysed yet (the debounce is still running): its findings are not the old ones.
    await server.client.change(uri, 2, [{ text: text.replace('"*"', '"arn:aws:iam::210987654321:role/Admin"') }]);
    assert.deepStrictEqual(await codeActions(uri, diagnostic, [CodeActionKind.QuickFix]), []);
  });
});
