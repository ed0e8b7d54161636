import * as assert from 'assert';
import { locate, onlyRules, parseJsonOutput, runCli, useTempTree } from './helpers';
import { cloudFormationRole, jsonStatementPolicy } from '../../server/src/testing/statementDocuments';

/**
 * `iam-trust-ignore` comments on the command line: a suppressed finding leaves the JSON output and
 * the exit code, stays in SARIF as a result suppressed in source with its reason, and a comment
 * that suppresses nothing is itself reported.
 */

const REASON = 'the partner gateway checks the caller (ADR-12)';

const policy = (comment: string) => jsonStatementPolicy(['"Effect": "Allow",', comment, '"Principal": { "AWS": "*" },', '"Action": "sts:AssumeRole"']);

const suppressed = policy(`// iam-trust-ignore principal-any: ${REASON}`);
const cloudFormation = cloudFormationRole([
  '- Effect: Allow',
  '  # iam-trust-ignore principal-any: was open to everyone before INFRA-90',
  '  Principal: { AWS: "arn:aws:iam::210987654321:role/deploy" }',
  '  Action: sts:AssumeRole',
]);

describe('iam-trust lint: iam-trust-ignore comments', () => {
  const tree = useTempTree({
    '.iam-trust.json': onlyRules({ 'principal-any': undefined, 'suppression-unused': undefined }),
    'roles/gateway-trust.json': suppressed,
    'roles/open-trust.json': policy('// the same policy without a suppression'),
    'stacks/deploy.template.yaml': cloudFormation,
  });

  it('leaves a suppressed finding out of --format json and out of the exit code', () => {
    const run = runCli(['lint', '--format', 'json', 'roles/gateway-trust.json'], tree.dir);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.deepStrictEqual(parseJsonOutput(run), [{ file: 'roles/gateway-trust.json', findings: [] }]);

    const open = runCli(['lint', '--format', 'json', 'roles/open-trust.json'], tree.dir);
    assert.strictEqual(open.code, 1, 'the same policy without the comment fails');
    assert.deepStrictEqual(parseJsonOutput(open)[0].findings.map((f) => f.rule), ['principal-any']);
  });

  it('lists a suppressed finding in SARIF with kind inSource and the comment\'s reason', () => {
    const run = runCli(['lint', '--format', 'sarif', 'roles/gateway-trust.json'], tree.dir);
    assert.strictEqual(run.code, 0, run.stderr);
    const results = JSON.parse(run.stdout).runs[0].results;
    assert.strictEqual(results.length, 1, run.stdout);
    assert.strictEqual(results[0].ruleId, 'principal-any');
    assert.deepStrictEqual(results[0].suppressions, [{ kind: 'inSource', justification: REASON }]);
    const at = locate(suppressed, '"*"');
    assert.deepStrictEqual(results[0].locations[0].physicalLocation.region, { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn });

    const open = JSON.parse(runCli(['lint', '--format', 'sarif', 'roles/open-trust.json'], tree.dir).stdout).runs[0].results;
    assert.strictEqual(open[0].suppressions, undefined, 'an open finding carries no suppressions');
  });

  it('reports a YAML comment that suppresses nothing, on its rule id', () => {
    const run = runCli(['lint', '--format', 'json', 'stacks/deploy.template.yaml'], tree.dir);
    assert.strictEqual(run.code, 0, `a warning does not fail the run: ${run.stderr}`);
    const [file] = parseJsonOutput(run);
    const at = locate(cloudFormation, 'principal-any');
    assert.deepStrictEqual(
      file.findings.map((f) => ({ rule: f.rule, severity: f.severity, line: f.line, column: f.column, endColumn: f.endColumn })),
      [{ rule: 'suppression-unused', severity: 'warning', line: at.line, column: at.column, endColumn: at.endColumn }],
    );
    assert.match(file.findings[0].message, /principal-any reports nothing on line 10/);
  });
});
