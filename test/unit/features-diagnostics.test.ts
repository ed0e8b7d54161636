import * as assert from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mergeConfig, parseConfigText } from '../../server/src/config';
import { computeDocumentDiagnostics, findRulesDocsRoot, FindingDiagnosticData } from '../../server/src/features/diagnostics';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const DOCS_ROOT = path.join(REPO_ROOT, 'docs', 'rules');

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole" }
  ]
}`;

function diagnose(text: string, options: { filePath?: string; rules?: Record<string, 'off' | 'warning'>; configText?: string } = {}) {
  const document = TextDocument.create('file:///w/policy.json', 'json', 3, text);
  const configFile = options.configText !== undefined ? parseConfigText(options.configText, '/w/.iam-trust.json') : undefined;
  return computeDocumentDiagnostics({
    document,
    filePath: options.filePath ?? '/w/policy.json',
    languageId: 'json',
    config: mergeConfig(configFile?.config ?? {}, { rules: options.rules ?? {} }),
    configFile,
    docsRoot: DOCS_ROOT,
  });
}

describe('features/diagnostics', () => {
  it('turns a finding into a diagnostic on the exact value, keeping the finding and its fixes', () => {
    const result = diagnose(POLICY);
    assert.strictEqual(result.isTrustPolicy, true);
    const d = result.diagnostics.find((x) => x.code === 'principal-any')!;
    assert.deepStrictEqual(d.range, { start: { line: 3, character: 47 }, end: { line: 3, character: 50 } });
    assert.strictEqual(POLICY.split('\n')[3].slice(47, 50), '"*"');
    assert.strictEqual(d.severity, DiagnosticSeverity.Error);
    assert.strictEqual(d.source, 'iam-trust');
    assert.strictEqual(d.codeDescription!.href, pathToFileURL(path.join(DOCS_ROOT, 'principal-any.md')).href);
    const data = d.data as FindingDiagnosticData;
    assert.strictEqual(result.findings[data.findingIndex].ruleId, 'principal-any');
    assert.strictEqual(result.findings[data.findingIndex].message, d.message);
  });

  it('maps each configured severity to the LSP severity', () => {
    const d = diagnose(POLICY, { rules: { 'principal-any': 'warning' } }).diagnostics.find((x) => x.code === 'principal-any')!;
    assert.strictEqual(d.severity, DiagnosticSeverity.Warning);
    assert.ok(!diagnose(POLICY, { rules: { 'principal-any': 'off' } }).diagnostics.some((x) => x.code === 'principal-any'));
  });

  it('returns nothing for a document that is not a trust policy', () => {
    const result = diagnose('{ "name": "app", "version": "1.0.0" }', { filePath: '/w/package.json' });
    assert.deepStrictEqual(result, { diagnostics: [], findings: [], isTrustPolicy: false });
  });

  it('adds one warning at 0:0 naming a broken config file', () => {
    const result = diagnose(POLICY, { configText: '{ "rules": { "principal-any": 3 } }' });
    const [first] = result.diagnostics;
    assert.strictEqual(first.code, 'config-invalid');
    assert.strictEqual(first.severity, DiagnosticSeverity.Warning);
    assert.deepStrictEqual(first.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(first.message, /\/w\/\.iam-trust\.json has problems: Rule "principal-any": severity must be one of/);
  });

  it('says why a binary file was skipped', () => {
    const result = diagnose('\u0000\u0001binary', { filePath: '/w/role-trust.json' });
    assert.strictEqual(result.diagnostics.length, 1);
    assert.strictEqual(result.diagnostics[0].severity, DiagnosticSeverity.Information);
    assert.match(result.diagnostics[0].message, /binary/);
  });

  it('finds docs/rules beside the running code', () => {
    assert.strictEqual(findRulesDocsRoot(path.join(REPO_ROOT, 'dist')), DOCS_ROOT);
    assert.strictEqual(findRulesDocsRoot(path.join(REPO_ROOT, 'out', 'server', 'src', 'features')), DOCS_ROOT);
  });
});
