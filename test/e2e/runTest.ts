import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

/**
 * The same e2e suite under @vscode/test-electron, for contributors whose machines can download a
 * VS Code build: `npm run test:e2e:electron`. Offline machines (and CI here) run it in code-server
 * instead: scripts/e2e-run.mjs.
 */
async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '../../..');
  // Tests edit files and settings: they work on a copy of the fixtures.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-trust-e2e-electron-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(repoRoot, 'test/e2e/workspace'), workspace, { recursive: true });
  try {
    await runTests({
      // The VS Code that code-server 4.100.3 bundles, so both runs test the same workbench.
      version: '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'suite/index.js'),
      extensionTestsEnv: { IAM_TRUST_E2E_SUITE: 'extension' },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(scratch, 'user-data')],
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
