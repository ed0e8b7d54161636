import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, sleep, WAIT_MS } from './helpers';

async function readLog(file: vscode.Uri): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  } catch {
    return '';
  }
}

/** Runs last (test/e2e/suite/index.ts): whatever the other tests did, the log must stay clean. */
describe('The "IAM Trust" log', () => {
  it('records the server start and no error', async () => {
    const api = await activateExtension();
    const file = vscode.Uri.joinPath(api.logUri, 'IAM Trust.log');
    // The channel writes its file asynchronously.
    let text = await readLog(file);
    for (const deadline = Date.now() + WAIT_MS; !text.includes('language server started') && Date.now() < deadline; ) {
      await sleep(200);
      text = await readLog(file);
    }
    assert.match(text, /IAM Trust language server started/, `${file.fsPath}:\n${text}`);
    // LogOutputChannel lines carry "[error]"; the language client writes "[Error - <time>]".
    const errors = text.split('\n').filter((line) => /\[error\]|\[Error\s+-/i.test(line));
    assert.deepStrictEqual(errors, [], `the log has errors:\n${text}`);
  });
});
