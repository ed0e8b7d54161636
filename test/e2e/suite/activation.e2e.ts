import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  EXTENSION_ID,
  IamTrustApi,
  openFixture,
  ours,
  replaceText,
  revertActiveEditor,
  serverCaughtUp,
  waitFor,
  waitForDiagnostic,
  waitForNoDiagnostic,
} from './helpers';

describe('The extension in VS Code', () => {
  let api: IamTrustApi;
  afterEach(closeAllEditors);

  it('activates when a JSON file opens and starts its language server', async () => {
    await openFixture('package.json');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    await waitFor('the extension to activate on a JSON document', () => (extension.isActive ? true : undefined));
    api = await activateExtension();
  });

  it('offers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['iamTrust.showOutput', 'iamTrust.showProblems', 'iamTrust.restartServer']) {
      assert.ok(commands.includes(id), `command ${id} is registered`);
    }
    await vscode.commands.executeCommand('iamTrust.showOutput');
  });

  it('shows the worst finding in the status bar, a check mark for a clean policy, and nothing for other JSON', async () => {
    const editor = await openFixture('policies/public-trust.json');
    await waitForDiagnostic(editor.document.uri, 'principal-any');
    const withError = await waitFor('the status bar to count the error', () => (api.status().level === 'error' ? api.status() : undefined), () => JSON.stringify(api.status()));
    assert.ok(withError.visible);
    assert.match(withError.text, /^\$\(shield\) IAM Trust: 1 error$/);
    assert.match(withError.tooltip, /Any principal in any AWS account/);

    await replaceText(editor, '{ "AWS": "*" }', '{ "Service": "ec2.amazonaws.com" }');
    await waitForNoDiagnostic(editor.document.uri, 'principal-any');
    const fixed = await waitFor('the status bar to show the fixed policy', () => (api.status().level !== 'error' ? api.status() : undefined), () => JSON.stringify(api.status()));
    assert.ok(fixed.visible, 'a policy fixed while open is still recognised');
    await revertActiveEditor();

    const clean = await openFixture('policies/ec2-trust.json');
    await serverCaughtUp();
    const recognised = api.status();
    assert.ok(recognised.visible, 'the server recognises ec2-trust.json as a trust policy (iamTrust/documentStatus)');
    if (ours(clean.document.uri).length === 0) assert.strictEqual(recognised.text, '$(shield) Trust policy ✓');

    await openFixture('package.json');
    await waitFor('the status bar item to hide on package.json', () => (api.status().visible ? undefined : true), () => JSON.stringify(api.status()));
  });

  it('opens the Problems view from the status bar command', async () => {
    await openFixture('policies/public-trust.json');
    await vscode.commands.executeCommand('iamTrust.showProblems');
    // The Problems view is the focused view afterwards: its focus command succeeds again.
    await vscode.commands.executeCommand('workbench.action.problems.focus');
  });
});
