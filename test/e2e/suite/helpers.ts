import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { IamTrustApi } from '../../../client/src/extension';

/** The id VS Code gives the extension: `<publisher>.<name>` from package.json. */
export const EXTENSION_ID = 'iam-trust.iam-trust';
export const DIAGNOSTIC_SOURCE = 'iam-trust';
export type { IamTrustApi };

/** Diagnostics arrive asynchronously from the server; every wait gives up after this long. */
export const WAIT_MS = 20_000;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` until it returns something other than undefined, failing with `describe()` (the
 * last state seen) after `timeoutMs`.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined, describe: () => string = () => '', timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`Timed out after ${timeoutMs} ms waiting for ${what}. ${describe()}`);
    await sleep(100);
  }
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run must open test/e2e/workspace (a copy of it) as the workspace folder');
  return folder.uri;
}

export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

export async function activateExtension(): Promise<IamTrustApi> {
  const extension = vscode.extensions.getExtension<IamTrustApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return String(typeof code === 'object' ? code.value : code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/** One line per diagnostic, for failure messages: `code severity L:C-L:C message`. */
export function describeDiagnostics(uri: vscode.Uri): string {
  const list = vscode.languages.getDiagnostics(uri);
  if (list.length === 0) return `No diagnostics on ${path.basename(uri.fsPath)}.`;
  const r = (d: vscode.Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
  return `Diagnostics on ${path.basename(uri.fsPath)}:\n${list.map((d) => `  [${d.source}] ${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]} ${r(d)} ${d.message}`).join('\n')}`;
}

/** Waits until the file has an IAM Trust diagnostic with this code (and optional extra condition). */
export function waitForDiagnostic(uri: vscode.Uri, code: string, extra: (d: vscode.Diagnostic) => boolean = () => true): Promise<vscode.Diagnostic> {
  return waitFor(
    `a "${code}" diagnostic on ${path.basename(uri.fsPath)}`,
    () => ours(uri).find((d) => codeOf(d) === code && extra(d)),
    () => describeDiagnostics(uri),
  );
}

/** Waits until the file has no IAM Trust diagnostic with this code. */
export function waitForNoDiagnostic(uri: vscode.Uri, code: string): Promise<true> {
  return waitFor(
    `the "${code}" diagnostic on ${path.basename(uri.fsPath)} to go away`,
    () => (ours(uri).some((d) => codeOf(d) === code) ? undefined : true),
    () => describeDiagnostics(uri),
  );
}

/**
 * Resolves once the server has analysed everything opened before this call. Silence cannot be
 * awaited, so this opens a fresh untitled policy with a known problem and waits for that problem:
 * the server handles documents in the order they open, so by then it has had its say on the others.
 */
export async function serverCaughtUp(): Promise<void> {
  const witness = await vscode.workspace.openTextDocument({
    language: 'json',
    content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }, null, 2),
  });
  await waitForDiagnostic(witness.uri, 'principal-any');
}

/** Asserts that a file has no IAM Trust diagnostics (with this code, when given) once the server caught up. */
export async function assertNoDiagnostics(uri: vscode.Uri, code?: string): Promise<void> {
  await serverCaughtUp();
  const found = ours(uri).filter((d) => code === undefined || codeOf(d) === code);
  assert.deepStrictEqual(found, [], describeDiagnostics(uri));
}

export function textUnder(editor: vscode.TextEditor, d: vscode.Diagnostic): string {
  return editor.document.getText(d.range);
}

/**
 * Asks the e2e driver for a screenshot of the workbench and waits for it. The driver watches the
 * folder named by IAM_TRUST_E2E_SCREENSHOTS; under @vscode/test-electron it is unset and this is a
 * no-op.
 */
export async function screenshot(name: string): Promise<void> {
  const dir = process.env.IAM_TRUST_E2E_SCREENSHOTS;
  if (!dir) return;
  const png = path.join(dir, `${name}.png`);
  fs.rmSync(png, { force: true });
  fs.writeFileSync(path.join(dir, `${name}.request`), '');
  await waitFor(`the driver to save ${png}`, () => (fs.existsSync(png) ? true : undefined), () => '', 30_000);
}

/**
 * Runs `body` with an `iamTrust.*` setting set in the workspace (as a user editing
 * .vscode/settings.json would), then puts the previous value back.
 */
export async function withWorkspaceSetting(key: string, value: unknown, body: () => Promise<void>): Promise<void> {
  const previous = vscode.workspace.getConfiguration('iamTrust').inspect(key)?.workspaceValue;
  await vscode.workspace.getConfiguration('iamTrust').update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    await body();
  } finally {
    await vscode.workspace.getConfiguration('iamTrust').update(key, previous, vscode.ConfigurationTarget.Workspace);
  }
}

/** Runs `body` with a `.iam-trust.json` holding `config` in a workspace folder, then deletes it. */
export async function withConfigFile(folder: string, config: object, body: () => Promise<void>): Promise<void> {
  const file = vscode.Uri.joinPath(workspaceRoot(), ...folder.split('/'), '.iam-trust.json');
  await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify(config, null, 2)));
  try {
    await body();
  } finally {
    await vscode.workspace.fs.delete(file);
  }
}

/** Closes every editor so one test's open files do not change what the next one sees. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Replaces the first occurrence of `search` in the editor's document through a WorkspaceEdit. */
export async function replaceText(editor: vscode.TextEditor, search: string, replacement: string): Promise<void> {
  const document = editor.document;
  const offset = document.getText().indexOf(search);
  assert.ok(offset >= 0, `"${search}" is not in ${path.basename(document.uri.fsPath)}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + search.length)), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit), 'VS Code refused the edit');
}

/** Throws away unsaved edits of the active editor, so closing it asks nothing. */
export async function revertActiveEditor(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
