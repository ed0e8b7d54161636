import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, openFixture, waitFor, waitForDiagnostic, workspaceRoot } from './helpers';

/**
 * Run by the driver against the extension installed from the packaged .vsix into a fresh
 * extensions folder, in a workspace that is not trusted: what ships is what is tested.
 */
describe('The packaged extension (.vsix) in an untrusted workspace', () => {
  it('is the installed copy, holding the bundles and no sources or node_modules', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    const root = extension.extensionPath;
    assert.ok(fs.existsSync(path.join(root, 'dist/extension.js')) && fs.existsSync(path.join(root, 'dist/server.js')), `bundles in ${root}`);
    for (const absent of ['node_modules', 'server', 'client', 'test', 'out']) {
      assert.ok(!fs.existsSync(path.join(root, absent)), `${absent}/ must not ship in the VSIX (${root})`);
    }
  });

  it('opens the folder in restricted mode', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
  });

  it('activates and reports {"AWS": "*"} as principal-any even though the folder is untrusted', async () => {
    await activateExtension();
    const editor = await openFixture('policies/public-trust.json');
    const d = await waitForDiagnostic(editor.document.uri, 'principal-any');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(editor.document.getText(d.range), '"*"');
  });

  it('checks Terraform too: the .wasm files of its parser ship in the VSIX', async () => {
    const editor = await openFixture('terraform/roles.tf');
    const d = await waitForDiagnostic(editor.document.uri, 'principal-any');
    assert.strictEqual(editor.document.getText(d.range), '"*"');
  });

  it('applies workspace rule settings but ignores the workspace AWS endpoint settings while untrusted', async () => {
    const settingsFile = vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json');
    const settings = { 'iamTrust.rules': { 'principal-any': 'warning' }, 'iamTrust.aws.stsEndpoint': 'http://127.0.0.1:9/not-aws', 'iamTrust.aws.profile': 'someone-elses' };
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify(settings, null, 2)));
    await waitFor('the workspace settings to load', () => (vscode.workspace.getConfiguration('iamTrust').get<Record<string, string>>('rules')?.['principal-any'] === 'warning' ? true : undefined));
    const editor = await openFixture('policies/public-trust.json');
    await waitForDiagnostic(editor.document.uri, 'principal-any', (d) => d.severity === vscode.DiagnosticSeverity.Warning);
    const configuration = vscode.workspace.getConfiguration('iamTrust');
    assert.strictEqual(configuration.get('aws.stsEndpoint'), '', 'a restricted setting from an untrusted workspace must not apply');
    assert.strictEqual(configuration.get('aws.profile'), '');
  });
});
