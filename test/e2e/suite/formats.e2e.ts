import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeOf, describeDiagnostics, openFixture, ours, serverCaughtUp, textUnder, waitForDiagnostic } from './helpers';

/** The 0-based line of the first `needle` (after `after`, when given). */
function lineOf(document: vscode.TextDocument, needle: string, after = ''): number {
  const text = document.getText();
  const offset = text.indexOf(needle, text.indexOf(after));
  assert.ok(offset >= 0, `"${needle}" is in ${document.fileName}`);
  return document.positionAt(offset).line;
}

/** The client routes YAML and Terraform documents to the server too (client/src/languageClient.ts). */
describe('Trust policies inside CloudFormation and Terraform', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAllEditors);

  it('CloudFormation YAML: flags the role anyone can assume, not the bucket policy or the !Sub principal', async () => {
    const editor = await openFixture('cloudformation/pipeline.yaml');
    assert.strictEqual(editor.document.languageId, 'yaml');
    const d = await waitForDiagnostic(editor.document.uri, 'principal-any');
    assert.strictEqual(textUnder(editor, d), '"*"');
    await serverCaughtUp();
    const anyLines = ours(editor.document.uri)
      .filter((x) => codeOf(x) === 'principal-any')
      .map((x) => x.range.start.line);
    // OpenRole's principal, and not the bucket policy's (not a trust policy: it has a Resource).
    assert.deepStrictEqual(anyLines, [lineOf(editor.document, 'AWS: "*"', 'OpenRole')], describeDiagnostics(editor.document.uri));
    const onSub = ours(editor.document.uri).filter((x) => x.range.start.line === lineOf(editor.document, '!Sub'));
    assert.deepStrictEqual(onSub, [], `a value known only at deploy time (!Sub) causes no finding. ${describeDiagnostics(editor.document.uri)}`);
  });

  it('Terraform: a .tf file opens as terraform and its jsonencode() policy is checked', async () => {
    const editor = await openFixture('terraform/roles.tf');
    assert.strictEqual(editor.document.languageId, 'terraform');
    const d = await waitForDiagnostic(editor.document.uri, 'principal-any');
    assert.strictEqual(textUnder(editor, d), '"*"');
    assert.strictEqual(d.range.start.line, lineOf(editor.document, 'AWS = "*"'));
    await serverCaughtUp();
    const onVariable = ours(editor.document.uri).filter((x) => x.range.start.line === lineOf(editor.document, 'var.tools_account'));
    assert.deepStrictEqual(onVariable, [], `var.tools_account causes no finding. ${describeDiagnostics(editor.document.uri)}`);
  });
});
