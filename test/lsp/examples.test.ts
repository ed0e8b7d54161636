import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { REPO_ROOT } from './client';
import { useServer } from './suite';
import { ALL_RULES } from '../../server/src/rules';

const RULES_DIR = path.join(REPO_ROOT, 'examples', 'rules');
const GOOD_DIR = path.join(REPO_ROOT, 'examples', 'good');

function languageOf(file: string): string {
  if (file.endsWith('.tf')) return 'terraform';
  if (/\.ya?ml$/.test(file)) return 'yaml';
  return 'json';
}

/** The rule an example demonstrates: its file name up to the first dot. */
function ruleOf(file: string): string {
  return file.split('.')[0];
}

/**
 * Every rule, over the real protocol: each examples/rules file makes the bundled server report
 * its rule, and the clean examples of every trust pattern get nothing but hints.
 */
describe('language server: the examples', () => {
  const server = useServer((ws) => ({ rootUri: pathToFileURL(ws.dir).href }));
  const ruleFiles = fs.readdirSync(RULES_DIR).filter((f) => !f.startsWith('.'));

  it('has an example for every rule', () => {
    const covered = new Set(ruleFiles.map(ruleOf));
    assert.deepStrictEqual(ALL_RULES.map((r) => r.id).filter((id) => !covered.has(id)), []);
  });

  for (const file of ruleFiles) {
    it(`${file} is reported as ${ruleOf(file)}`, async () => {
      const full = path.join(RULES_DIR, file);
      const text = fs.readFileSync(full, 'utf8');
      const diagnostics = await server.client.openAndWait(pathToFileURL(full).href, text, languageOf(file));
      assert.ok(
        diagnostics.some((d) => d.code === ruleOf(file)),
        `${ruleOf(file)} not among: ${diagnostics.map((d) => d.code).join(', ')}`,
      );
    });
  }

  for (const file of fs.readdirSync(GOOD_DIR).filter((f) => !f.startsWith('.'))) {
    it(`good/${file} gets no error, warning or information`, async () => {
      const full = path.join(GOOD_DIR, file);
      const text = fs.readFileSync(full, 'utf8');
      const diagnostics = await server.client.openAndWait(pathToFileURL(full).href, text, languageOf(file));
      const loud = diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Hint);
      assert.deepStrictEqual(loud.map((d) => `${d.code}: ${d.message}`), []);
    });
  }
});
