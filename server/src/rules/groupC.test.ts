import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lint } from '../testing/ruleTester';
import { GROUP_C } from './groupC';

/** Each group C rule has an example policy (examples/rules/<id>.trust.json) on which it fires. */
const ROOT = path.resolve(__dirname, '../../../..');
const EXAMPLES = path.join(ROOT, 'examples/rules');

/** The first JSON block under a `## <heading>` of a docs page. */
function jsonUnder(page: string, heading: string): string {
  const section = page.split(/^## /m).find((s) => s.startsWith(heading + '\n'));
  const block = section && /```json\n([^]*?)```/.exec(section);
  assert.ok(block, `no JSON block under "## ${heading}"`);
  return block[1];
}

describe('group C examples', () => {
  for (const rule of GROUP_C) {
    it(`${rule.id}: its example fires it`, () => {
      const file = path.join(EXAMPLES, `${rule.id}.trust.json`);
      const findings = lint(fs.readFileSync(file, 'utf8'), rule, {}, file);
      assert.ok(findings.length > 0, `${rule.id} is quiet on ${file}`);
    });
  }
  for (const rule of GROUP_C) {
    it(`${rule.id}: its docs page's Bad example fires it and its Good example does not`, () => {
      const page = fs.readFileSync(path.join(ROOT, 'docs/rules', `${rule.id}.md`), 'utf8');
      assert.ok(page.startsWith(`# ${rule.id}\n`));
      assert.ok(page.includes(`Default severity: **${rule.defaultSeverity}**`));
      assert.ok(page.includes(`{ "rules": { "${rule.id}": "off" } }`));
      assert.ok(lint(jsonUnder(page, 'Bad'), rule).length > 0, 'Bad example is quiet');
      assert.deepStrictEqual(lint(jsonUnder(page, 'Good'), rule).map((f) => f.message), []);
    });
  }
  it('are registered in catalogue order with unique ids', () => {
    const ids = GROUP_C.map((r) => r.id);
    assert.deepStrictEqual(ids, [
      'principal-any',
      'principal-account-root',
      'principal-user',
      'principal-redundant-session',
      'principal-example-account',
      'cross-account-no-external-id',
      'external-id-invalid',
      'external-id-weak',
      'org-id-invalid',
      'org-paths-invalid',
      'org-condition-weak',
      'mfa-condition-weak',
      'deny-blocks-all',
      'no-allow',
    ]);
    assert.ok(GROUP_C.every((r) => r.group === 'C'));
  });
});
