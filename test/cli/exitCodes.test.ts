import * as assert from 'assert';
import { CORE_RULES_CONFIG, fixture, onlyRules, runCli, useTempTree } from './helpers';

describe('iam-trust lint exit codes', () => {
  const tree = useTempTree({
    '.iam-trust.json': CORE_RULES_CONFIG,
    'errors/any-principal-trust.json': fixture('any-principal-trust.json'),
    'errors/broken-syntax-trust.json': fixture('broken-syntax-trust.json'),
    'clean/service-trust.json': fixture('service-trust.json'),
    'hints/narrowed-any-trust.json': fixture('narrowed-any-trust.json'),
    // principal-any lowered to information: counted apart from hints, and no failure either.
    'information/.iam-trust.json': onlyRules({ 'json-syntax': undefined, 'principal-any': 'information' }),
    'information/any-principal-trust.json': fixture('any-principal-trust.json'),
    // principal-any lowered to a warning for the --max-warnings cases.
    'warnings/.iam-trust.json': onlyRules({ 'json-syntax': undefined, 'principal-any': 'warning' }),
    'warnings/a-trust.json': fixture('any-principal-trust.json'),
    'warnings/b-trust.json': fixture('any-principal-trust.json'),
  });

  it('0 when clean', () => {
    assert.strictEqual(runCli(['lint', 'clean'], tree.dir).code, 0);
  });

  it('0 when only hints were found', () => {
    const run = runCli(['lint', 'hints'], tree.dir);
    assert.strictEqual(run.code, 0, run.stdout);
    assert.match(run.stdout, /  hint  /);
    assert.match(run.stdout, /\n1 problem \(0 errors, 0 warnings, 0 information, 1 hint\)\n/);
  });

  it('0 when only information was found, counted as information', () => {
    const run = runCli(['lint', 'information'], tree.dir);
    assert.strictEqual(run.code, 0, run.stdout);
    assert.match(run.stdout, /  information  /);
    assert.match(run.stdout, /\n1 problem \(0 errors, 0 warnings, 1 information, 0 hints\)\n/);
  });

  it('1 when an error was found', () => {
    assert.strictEqual(runCli(['lint', 'errors/any-principal-trust.json'], tree.dir).code, 1);
  });

  it('1 for a file that does not parse (json-syntax)', () => {
    const run = runCli(['lint', '--format', 'json', 'errors/broken-syntax-trust.json'], tree.dir);
    assert.strictEqual(run.code, 1);
    assert.deepStrictEqual(
      JSON.parse(run.stdout)[0].findings.map((f: { rule: string }) => f.rule),
      ['json-syntax'],
    );
  });

  it('warnings alone pass unless there are more than --max-warnings', () => {
    assert.strictEqual(runCli(['lint', 'warnings'], tree.dir).code, 0);
    assert.strictEqual(runCli(['lint', 'warnings', '--max-warnings', '2'], tree.dir).code, 0);
    const over = runCli(['lint', 'warnings', '--max-warnings', '1'], tree.dir);
    assert.strictEqual(over.code, 1);
    assert.match(over.stderr, /2 warnings found, more than the 1 that --max-warnings allows/);
    assert.strictEqual(runCli(['lint', 'warnings', '--max-warnings=0'], tree.dir).code, 1);
  });

  it('2 with a message saying what to do, for a path that does not exist', () => {
    const run = runCli(['lint', 'clean', 'no-such-dir/role.json'], tree.dir);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /"no-such-dir\/role\.json" does not exist.*Check the spelling/);
    assert.strictEqual(run.stdout, '');
  });

  it('2 for a glob that matches nothing', () => {
    const run = runCli(['lint', 'policies/**/*.json'], tree.dir);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /No files match "policies\/\*\*\/\*\.json".*quote it/);
  });

  for (const [args, message] of [
    [['--format', 'xml'], /Unknown format "xml": use --format text, --format json or --format sarif/],
    [['--max-warnings', 'many'], /--max-warnings needs a whole number, not "many"/],
    [['--max-warnings'], /argument missing.*iam-trust lint --help/],
    [['--fix'], /Unknown option '--fix'.*iam-trust lint --help/],
  ] as [string[], RegExp][]) {
    it(`2 for a usage mistake: lint ${args.join(' ')}`, () => {
      const run = runCli(['lint', 'clean', ...args], tree.dir);
      assert.strictEqual(run.code, 2);
      assert.match(run.stderr, message);
      assert.ok(!/internal error|at .*\.js:\d+/.test(run.stderr), run.stderr);
    });
  }
});
