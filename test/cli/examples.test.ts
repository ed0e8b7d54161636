import * as assert from 'assert';
import * as path from 'path';
import { parseJsonOutput, REPO, runCli } from './helpers';

/**
 * `iam-trust lint --format json examples/`: each examples/rules file fires its own rule, and the
 * clean example of every trust pattern (examples/good, with its zone of trust configured) gets
 * nothing but hints.
 */
describe('iam-trust lint examples/', () => {
  const run = () => runCli(['lint', '--format', 'json', 'examples/'], REPO);

  it('fails (the rule examples hold errors) and reports every rule where its example says', () => {
    const result = run();
    assert.strictEqual(result.code, 1, result.stderr);
    const files = parseJsonOutput(result);
    const ruleFiles = files.filter((f) => f.file.startsWith('examples/rules/'));
    assert.ok(ruleFiles.length >= 60, `only ${ruleFiles.length} rule examples analysed`);
    const missing = ruleFiles.filter((f) => !f.findings.some((x) => x.rule === path.basename(f.file).split('.')[0]));
    assert.deepStrictEqual(missing.map((f) => f.file), []);
  });

  it('finds nothing but hints in the clean examples', () => {
    const good = parseJsonOutput(run()).filter((f) => f.file.startsWith('examples/good/'));
    assert.strictEqual(good.length, 15);
    const loud = good.flatMap((f) => f.findings.filter((x) => x.severity !== 'hint').map((x) => `${f.file}: ${x.rule} ${x.message}`));
    assert.deepStrictEqual(loud, []);
  });
});
