import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  assertNoDiagnostics,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  fixtureUri,
  openFixture,
  ours,
  replaceText,
  revertActiveEditor,
  screenshot,
  textUnder,
  waitForDiagnostic,
  waitForNoDiagnostic,
} from './helpers';

describe('Diagnostics in trust policies', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAllEditors);

  it('marks {"AWS": "*"} in an Allow as a principal-any error on the "*" itself', async () => {
    const editor = await openFixture('policies/public-trust.json');
    const d = await waitForDiagnostic(editor.document.uri, 'principal-any');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, describeDiagnostics(editor.document.uri));
    assert.strictEqual(textUnder(editor, d), '"*"');
    assert.strictEqual(d.range.start.line, 6, 'the "*" is on line 7 of public-trust.json');
    assert.match(d.message, /any AWS account/i);
    await screenshot('policy-with-squiggles');
    // What a user sees on pointing at the squiggle: the message in a hover.
    editor.selection = new vscode.Selection(d.range.start.translate(0, 1), d.range.start.translate(0, 1));
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('policy-with-hover');
  });

  it('reports a JSON syntax error where the comma is missing', async () => {
    const editor = await openFixture('policies/broken-trust.json');
    const d = await waitForDiagnostic(editor.document.uri, 'json-syntax');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    // The missing comma sits between line 6 (Principal) and line 7 (Action).
    assert.ok(d.range.start.line === 5 || d.range.start.line === 6, describeDiagnostics(editor.document.uri));
    assert.match(d.message, /valid JSON/);
  });

  it('recognises a policy by its content when the file name says nothing', async () => {
    const editor = await openFixture('policies/deploy-role.json');
    await replaceText(editor, '"arn:aws:iam::210987654321:role/deploy"', '"*"');
    const d = await waitForDiagnostic(editor.document.uri, 'principal-any');
    assert.strictEqual(textUnder(editor, d), '"*"');
    await revertActiveEditor();
  });

  it('never reports anything in unrelated JSON: the package.json and an S3 bucket policy', async () => {
    await openFixture('package.json');
    await openFixture('other/bucket-policy.json');
    await assertNoDiagnostics(fixtureUri('package.json'));
    await assertNoDiagnostics(fixtureUri('other/bucket-policy.json'));
  });

  it('updates after a WorkspaceEdit: the problem appears, then goes when the edit is undone', async () => {
    const editor = await openFixture('policies/ec2-trust.json');
    const uri = editor.document.uri;
    const original = editor.document.getText();
    await assertNoDiagnostics(uri, 'principal-any');

    await replaceText(editor, '{ "Service": "ec2.amazonaws.com" }', '{ "AWS": "*" }');
    const d = await waitForDiagnostic(uri, 'principal-any');
    assert.strictEqual(textUnder(editor, d), '"*"');
    assert.strictEqual(d.range.start.line, 6);

    await replaceText(editor, '{ "AWS": "*" }', '{ "Service": "ec2.amazonaws.com" }');
    await waitForNoDiagnostic(uri, 'principal-any');
    assert.strictEqual(editor.document.getText(), original);
    await revertActiveEditor();
  });

  it('shows the findings in the Problems view', async () => {
    const editor = await openFixture('policies/public-trust.json');
    await waitForDiagnostic(editor.document.uri, 'principal-any');
    await vscode.commands.executeCommand('iamTrust.showProblems');
    await screenshot('problems-view');
    assert.ok(
      ours(editor.document.uri).every((d) => codeOf(d)),
      `every IAM Trust diagnostic carries its rule id as code. ${describeDiagnostics(editor.document.uri)}`,
    );
  });
});
