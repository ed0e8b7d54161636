import * as assert from 'assert';
import { fixture, locate, onlyRules, parseJsonOutput, runCli, useTempTree } from './helpers';

const anyPrincipal = fixture('any-principal-trust.json');

function rulesFound(run: ReturnType<typeof runCli>): string[] {
  return parseJsonOutput(run).flatMap((f) => f.findings.map((x) => `${f.file} ${x.rule} ${x.severity}`));
}

describe('iam-trust lint configuration', () => {
  const tree = useTempTree({
    'repo/.iam-trust.json': onlyRules({ 'json-syntax': undefined }),
    'repo/infra/roles/any-principal-trust.json': anyPrincipal,
    'repo/team/.iam-trust.json': onlyRules({ 'json-syntax': undefined, 'principal-any': 'warning' }),
    'repo/team/any-principal-trust.json': anyPrincipal,
    'elsewhere/strict.json': onlyRules({ 'json-syntax': undefined, 'principal-any': 'error' }),
  }, true);

  it('uses the nearest .iam-trust.json above each file: a rule turned off in a parent directory stays off', () => {
    const run = runCli(['lint', '--format', 'json'], tree.path('repo'));
    assert.deepStrictEqual(rulesFound(run), ['team/any-principal-trust.json principal-any warning']);
    assert.strictEqual(run.code, 0);
  });

  it('finds the configuration from the file, not from the working directory', () => {
    const run = runCli(['lint', '--format', 'json', 'repo/infra/roles/any-principal-trust.json'], tree.dir);
    assert.deepStrictEqual(rulesFound(run), []);
  });

  it('--config FILE applies one configuration to every file instead', () => {
    const run = runCli(['lint', '--format', 'json', '--config', '../elsewhere/strict.json'], tree.path('repo'));
    assert.deepStrictEqual(rulesFound(run), ['infra/roles/any-principal-trust.json principal-any error', 'team/any-principal-trust.json principal-any error']);
    assert.strictEqual(run.code, 1);
  });

  it('a broken configuration is reported at file:line:col and nothing is linted (exit 2)', () => {
    const broken = '{\n  "rules": {\n    "principal-any": "loud"\n  }\n}\n';
    tree.write('repo/team/.iam-trust.json', broken);
    const run = runCli(['lint', '--format', 'json'], tree.path('repo'));
    assert.strictEqual(run.code, 2);
    const at = locate(broken, '"loud"');
    assert.ok(run.stderr.includes(`team/.iam-trust.json:${at.line}:${at.column}  Rule "principal-any": severity must be one of`), run.stderr);
    assert.match(run.stderr, /fix the configuration above/);
    assert.strictEqual(run.stdout, '');
  });

  it('a configuration that is not JSON is reported too', () => {
    tree.write('elsewhere/bad.json', '{ "rules": ');
    const run = runCli(['lint', '--config', '../elsewhere/bad.json'], tree.path('repo'));
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /bad\.json:1:\d+  Invalid JSON/);
  });

  it('--config naming a missing file is a usage error (exit 2)', () => {
    const run = runCli(['lint', '--config', 'missing.json'], tree.path('repo'));
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /"missing\.json" given to --config does not exist/);
  });
});
