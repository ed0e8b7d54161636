import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lint } from '../testing/ruleTester';
import { GROUP_B } from './groupB';

/**
 * Each group B rule ships an example policy (examples/rules/<id>.trust.json) and a docs page
 * (docs/rules/<id>.md). What a user reads there must be true of the rule: the example and the
 * page's Bad policy fire it, and the Good policy passes every group B rule.
 */
const ROOT = path.resolve(__dirname, '../../../..');

function fencedJson(page: string, heading: string): string {
  const start = page.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `no "## ${heading}" section`);
  const block = /```json\n([^]*?)```/.exec(page.slice(start));
  assert.ok(block, `no JSON block under "## ${heading}"`);
  return block[1];
}

const groupBFindings = (code: string) =>
  lint(code, undefined).filter((f) => GROUP_B.some((r) => r.id === f.ruleId)).map((f) => `${f.ruleId}: ${f.message}`);

describe('group B rules', () => {
  it('are registered in catalogue order', () => {
    assert.deepStrictEqual(
      GROUP_B.map((r) => `${r.group} ${r.id}`),
      [
        'trust-resource',
        'trust-notprincipal',
        'principal-missing',
        'principal-bare-wildcard',
        'principal-partial-wildcard',
        'principal-key-invalid',
        'principal-arn-invalid',
        'principal-unique-id',
        'service-principal-unknown',
        'federated-principal-invalid',
        'action-not-sts',
        'action-unknown',
        'action-wildcard',
        'action-principal-mismatch',
      ].map((id) => `B ${id}`),
    );
  });
  for (const rule of GROUP_B) {
    describe(rule.id, () => {
      it('fires on its example policy', () => {
        const file = path.join(ROOT, 'examples/rules', `${rule.id}.trust.json`);
        assert.ok(lint(fs.readFileSync(file, 'utf8'), rule, {}, file).length > 0, `quiet on ${file}`);
      });
      it('has a docs page whose Bad policy fires it and whose Good policy passes group B', () => {
        const page = fs.readFileSync(path.join(ROOT, 'docs/rules', `${rule.id}.md`), 'utf8');
        assert.ok(page.startsWith(`# ${rule.id}\n`));
        assert.ok(page.includes(`Default severity: **${rule.defaultSeverity}**`));
        assert.ok(page.includes(`{ "rules": { "${rule.id}": "off" } }`));
        assert.ok(lint(fencedJson(page, 'Bad'), rule).length > 0, 'the Bad policy is quiet');
        assert.deepStrictEqual(groupBFindings(fencedJson(page, 'Good')), []);
      });
    });
  }
});
