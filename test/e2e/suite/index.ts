import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/**
 * Entry point the extension host loads (`extensionTestsPath`), in the shape @vscode/test-electron
 * expects: `run()` resolves when every test passed and rejects otherwise.
 *
 * IAM_TRUST_E2E_SUITE picks the files: `extension` (default) runs every `*.e2e.js` but the VSIX
 * check, against the extension loaded from source; `vsix` runs only `vsix.e2e.js`, against the
 * extension installed from the packaged .vsix. Both end with the log check.
 */
const VSIX_CHECK = 'vsix.e2e.js';
const LOG_CHECK = 'log.e2e.js';

export function run(): Promise<void> {
  const suite = process.env.IAM_TRUST_E2E_SUITE ?? 'extension';
  // IAM_TRUST_E2E_GREP runs only the tests whose title matches, like mocha's --grep.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.IAM_TRUST_E2E_GREP });
  // The log check runs last so it sees what every other test made the extension write.
  const last = (f: string) => (f === LOG_CHECK ? 1 : 0);
  // Only compiled files whose source still exists: a deleted test must not run from a stale out/.
  const sources = path.resolve(__dirname, '../../../../test/e2e/suite');
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js') && fs.existsSync(path.join(sources, f.replace(/\.js$/, '.ts'))))
    .filter((f) => f === LOG_CHECK || (suite === 'vsix' ? f === VSIX_CHECK : f !== VSIX_CHECK))
    .sort((a, b) => last(a) - last(b) || a.localeCompare(b));
  if (files.length === 0) return Promise.reject(new Error(`No e2e test files for suite "${suite}" in ${__dirname}`));
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  console.log(`IAM Trust e2e suite "${suite}": ${files.join(', ')}`);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} e2e test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}
