import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO, runCli } from './helpers';

describe('iam-trust (command dispatch)', () => {
  it('--help lists the commands and exits 0', () => {
    const run = runCli(['--help'], REPO);
    assert.strictEqual(run.code, 0);
    assert.match(run.stdout, /Usage: iam-trust <command>/);
    assert.match(run.stdout, /^\s+lint\s+Check the trust policies/m);
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const run = runCli(['--version'], REPO);
    assert.strictEqual(run.code, 0);
    assert.strictEqual(run.stdout.trim(), version);
  });

  it('lint --help (and help lint) describe the options', () => {
    for (const args of [['lint', '--help'], ['lint', '-h'], ['help', 'lint']]) {
      const run = runCli(args, REPO);
      assert.strictEqual(run.code, 0, args.join(' '));
      assert.match(run.stdout, /Usage: iam-trust lint .*\n[\s\S]*--format text\|json\|sarif[\s\S]*--config FILE[\s\S]*--max-warnings N/);
    }
  });

  it('no command prints the usage on stderr and exits 2', () => {
    const run = runCli([], REPO);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /Usage: iam-trust <command>/);
  });

  it('an unknown command exits 2 and suggests lint', () => {
    const run = runCli(['policies/'], REPO);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /Unknown command "policies\/".*run "iam-trust lint policies\/"/);
  });
});
