import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { fileURLToPath } from 'url';
import { ALL_RULES } from '../../server/src/rules';
import { CLI, CORE_RULES_CONFIG, fixture, locate, parseJsonOutput, runCli, useTempTree } from './helpers';

const anyPrincipal = fixture('any-principal-trust.json');
const service = fixture('service-trust.json');
const narrowed = fixture('narrowed-any-trust.json');

describe('iam-trust lint --format json', () => {
  const tree = useTempTree({
    '.iam-trust.json': CORE_RULES_CONFIG,
    'roles/any-principal-trust.json': anyPrincipal,
    'roles/service-trust.json': service,
  });

  it('lists every analysed file, clean ones with no findings, with 1-based positions on the principal value', () => {
    const run = runCli(['lint', '--format', 'json', 'roles'], tree.dir);
    const out = parseJsonOutput(run);
    assert.deepStrictEqual(
      out.map((f) => f.file),
      ['roles/any-principal-trust.json', 'roles/service-trust.json'],
    );
    assert.deepStrictEqual(out[1].findings, []);
    const [finding] = out[0].findings;
    assert.strictEqual(out[0].findings.length, 1);
    assert.deepStrictEqual(Object.keys(finding), ['rule', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
    assert.strictEqual(finding.rule, 'principal-any');
    assert.strictEqual(finding.severity, 'error');
    assert.match(finding.message, /any AWS account/);
    const expected = locate(anyPrincipal, '"*"');
    assert.deepStrictEqual({ line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn }, expected);
    // The range read back from the file is the token itself.
    const line = anyPrincipal.split('\n')[finding.line - 1];
    assert.strictEqual(line.slice(finding.column - 1, finding.endColumn - 1), '"*"');
  });

  it('spells severities as words: a narrowed wildcard is a hint', () => {
    tree.write('roles/narrowed-any-trust.json', narrowed);
    try {
      const out = parseJsonOutput(runCli(['lint', '-f', 'json', 'roles/narrowed-any-trust.json'], tree.dir));
      assert.deepStrictEqual(
        out[0].findings.map((f) => [f.rule, f.severity]),
        [['principal-any', 'hint']],
      );
    } finally {
      fs.rmSync(tree.path('roles/narrowed-any-trust.json'));
    }
  });
});

/**
 * No SARIF JSON schema is installed, so this checks by hand what the SARIF 2.1.0 schema requires
 * of the properties we write and what GitHub code scanning needs to show an alert: a run with a
 * named driver, rules with ids, results with a message, a rule reference and a location whose
 * region is 1-based, and artifact URIs relative to a declared base.
 */
function assertSarifForGitHub(log: any, cwd: string): void {
  assert.strictEqual(log.version, '2.1.0');
  assert.match(log.$schema, /^https:\/\/.*sarif.*2\.1\.0.*\.json$/);
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1, 'one run');
  const run = log.runs[0];
  const driver = run.tool?.driver;
  assert.strictEqual(driver.name, 'iam-trust');
  assert.match(driver.version, /^\d+\.\d+\.\d+/);
  if (driver.informationUri !== undefined) new URL(driver.informationUri);
  const ids = driver.rules.map((r: any) => r.id);
  assert.strictEqual(new Set(ids).size, ids.length, 'rule ids are unique');
  for (const rule of driver.rules) {
    assert.strictEqual(typeof rule.shortDescription?.text, 'string', `${rule.id}: shortDescription.text`);
    assert.ok(rule.shortDescription.text.length > 0);
    assert.ok(['none', 'note', 'warning', 'error'].includes(rule.defaultConfiguration?.level), `${rule.id}: defaultConfiguration.level`);
    if (rule.helpUri !== undefined) assert.ok(new URL(rule.helpUri).protocol, `${rule.id}: helpUri is an absolute URI`);
    if (rule.help !== undefined) assert.strictEqual(typeof rule.help.text, 'string', `${rule.id}: help.text is required when help is given`);
  }
  const base = run.originalUriBaseIds?.['%SRCROOT%']?.uri;
  assert.match(base, /^file:\/\/.*\/$/, '%SRCROOT% is an absolute URI ending in /');
  assert.strictEqual(fileURLToPath(base).replace(/\/$/, ''), cwd);
  for (const result of run.results) {
    assert.ok(typeof result.message?.text === 'string' && result.message.text.length > 0, 'message.text');
    assert.ok(['none', 'note', 'warning', 'error'].includes(result.level), 'level');
    assert.ok(Number.isInteger(result.ruleIndex), 'ruleIndex');
    assert.strictEqual(driver.rules[result.ruleIndex].id, result.ruleId, 'ruleIndex points at the rule');
    assert.ok(result.locations.length >= 1, 'GitHub needs a location');
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assert.strictEqual(artifactLocation.uriBaseId, '%SRCROOT%');
    assert.ok(!artifactLocation.uri.includes('\\') && !artifactLocation.uri.startsWith('/'), 'relative URI with forward slashes');
    assert.ok(fs.existsSync(fileURLToPath(new URL(artifactLocation.uri, base))), 'the URI resolves to the file');
    for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(region[k]) && region[k] >= 1, `region.${k} >= 1`);
    assert.ok(region.endLine > region.startLine || region.endColumn >= region.startColumn, 'region ends after it starts');
  }
}

describe('iam-trust lint --format sarif', () => {
  const tree = useTempTree({
    '.iam-trust.json': CORE_RULES_CONFIG,
    'infra/any principal trust.json': anyPrincipal,
    'infra/narrowed-any-trust.json': narrowed,
    'infra/service-trust.json': service,
  });

  it('is SARIF 2.1.0 that GitHub code scanning accepts, listing every rule of the catalogue', () => {
    const run = runCli(['lint', '--format', 'sarif'], tree.dir);
    assert.strictEqual(run.code, 1, run.stderr);
    const log = JSON.parse(run.stdout);
    assertSarifForGitHub(log, tree.dir);
    assert.deepStrictEqual(
      log.runs[0].tool.driver.rules.map((r: any) => r.id),
      ALL_RULES.map((r) => r.id),
    );
    const principalAny = log.runs[0].tool.driver.rules.find((r: any) => r.id === 'principal-any');
    assert.strictEqual(principalAny.defaultConfiguration.level, 'error');
    assert.match(principalAny.helpUri, /principal-any\.md$/);
  });

  it('places each result on the principal value, with the file URI percent-encoded', () => {
    const log = JSON.parse(runCli(['lint', '--format', 'sarif'], tree.dir).stdout);
    const results = log.runs[0].results;
    const byFile = new Map(results.map((r: any) => [r.locations[0].physicalLocation.artifactLocation.uri, r]));
    assert.deepStrictEqual([...byFile.keys()].sort(), ['infra/any%20principal%20trust.json', 'infra/narrowed-any-trust.json']);

    const error: any = byFile.get('infra/any%20principal%20trust.json');
    assert.strictEqual(error.ruleId, 'principal-any');
    assert.strictEqual(error.level, 'error');
    const at = locate(anyPrincipal, '"*"');
    assert.deepStrictEqual(error.locations[0].physicalLocation.region, { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn });

    // Hints and information have no SARIF level of their own: they are notes.
    assert.strictEqual((byFile.get('infra/narrowed-any-trust.json') as any).level, 'note');
  });

  it('is a valid log with no results when everything is clean', () => {
    const run = runCli(['lint', '--format', 'sarif', 'infra/service-trust.json'], tree.dir);
    assert.strictEqual(run.code, 0, run.stderr);
    const log = JSON.parse(run.stdout);
    assertSarifForGitHub(log, tree.dir);
    assert.deepStrictEqual(log.runs[0].results, []);
  });
});

describe('iam-trust lint (text format)', () => {
  const tree = useTempTree({
    '.iam-trust.json': CORE_RULES_CONFIG,
    'any-principal-trust.json': anyPrincipal,
    'service-trust.json': service,
  });

  it('prints file:line:col, severity, message and rule, then the source line with carets under the range', () => {
    const run = runCli(['lint'], tree.dir);
    assert.strictEqual(run.code, 1);
    const lines = run.stdout.split('\n');
    const at = locate(anyPrincipal, '"*"');
    const header = lines.findIndex((l) => l.startsWith(`any-principal-trust.json:${at.line}:${at.column}  error  `));
    assert.ok(header >= 0, run.stdout);
    assert.match(lines[header], /any AWS account.*  principal-any$/);

    const source = lines[header + 1];
    const carets = lines[header + 2];
    const sourceLine = anyPrincipal.split('\n')[at.line - 1];
    assert.ok(source.endsWith(sourceLine), `source line shown: ${source}`);
    const codeStart = source.length - sourceLine.length;
    assert.strictEqual(carets.indexOf('^'), codeStart + at.column - 1, 'carets start under the token');
    assert.strictEqual(carets.trim().replace(/^\d*\s*\|\s*/, ''), '^^^', 'one caret per character of "*"');

    assert.ok(lines.includes('1 problem (1 error, 0 warnings, 0 information, 0 hints)'), run.stdout);
    assert.ok(!run.stdout.includes('\x1b['), 'no colours when stdout is not a terminal');
  });

  it('says so when there are no problems', () => {
    const run = runCli(['lint', 'service-trust.json'], tree.dir);
    assert.strictEqual(run.code, 0);
    assert.strictEqual(run.stdout.trim(), 'No problems found in 1 file.');
  });

  describe('on a terminal', () => {
    // util-linux `script` gives the CLI a real pseudo-terminal as stdout.
    const hasScript = process.platform === 'linux' && fs.existsSync('/usr/bin/script');

    function runInTerminal(noColor: string | undefined): string {
      const command = `"${process.execPath}" "${CLI}" lint any-principal-trust.json`;
      const r = spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], {
        cwd: tree.dir,
        env: { ...process.env, NO_COLOR: noColor },
        encoding: 'utf8',
        timeout: 15000,
      });
      return r.stdout;
    }

    it('colours the output unless NO_COLOR is set', function () {
      if (!hasScript) this.skip();
      assert.match(runInTerminal(undefined), /\x1b\[31merror\x1b\[0m/);
      const plain = runInTerminal('1');
      assert.match(plain, /any-principal-trust\.json:\d+:\d+  error  /);
      assert.ok(!plain.includes('\x1b['), plain);
    });
  });
});
