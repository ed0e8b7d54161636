import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lint } from '../testing/ruleTester';
import { Rule } from './types';
import { GROUP_A } from './groupA';

/** Compiled to out/server/src/rules: the repository root is four levels up. */
const ROOT = path.resolve(__dirname, '../../../..');

const CATALOGUE_ORDER = [
  'json-syntax',
  'version-missing',
  'version-invalid',
  'version-old',
  'statement-missing',
  'unknown-element',
  'duplicate-key',
  'type-mismatch',
  'effect-invalid',
  'exclusive-elements',
  'action-missing',
  'sid-invalid',
  'sid-duplicate',
  'empty-value',
  'redundant',
  'size-quota',
];

/** The first JSON block after a heading of the docs page. */
function exampleAfter(page: string, heading: string): string | undefined {
  const at = page.indexOf(`\n## ${heading}\n`);
  if (at < 0) return undefined;
  return /```json\n([^]*?)```/.exec(page.slice(at))?.[1];
}

function firing(code: string, filePath = 'trust-policy.json'): string[] {
  return GROUP_A.flatMap((r: Rule) => lint(code, r, {}, filePath).map((f) => f.ruleId));
}

describe('group A', () => {
  it('holds every rule of the catalogue, in order, each in group A', () => {
    assert.deepStrictEqual(
      GROUP_A.map((r) => r.id),
      CATALOGUE_ORDER,
    );
    for (const r of GROUP_A) assert.strictEqual(r.group, 'A', r.id);
  });

  for (const r of GROUP_A) {
    describe(`${r.id} docs and example`, () => {
      const page = fs.readFileSync(path.join(ROOT, 'docs/rules', `${r.id}.md`), 'utf8');
      it('has a docs page that names the default severity', () => {
        assert.ok(page.startsWith(`# ${r.id}\n`));
        assert.ok(page.includes(`Default severity: **${r.defaultSeverity}**`), 'severity line');
        assert.ok(page.includes(`"${r.id}": "off"`), 'how to turn it off');
      });
      it('docs: the Good example is clean of every group A rule', () => {
        const good = exampleAfter(page, 'Good');
        assert.ok(good, 'a Good JSON example');
        assert.deepStrictEqual(firing(good), []);
      });
      // The size-quota Bad example is abbreviated: it would have to be 2,048 characters long.
      if (r.id !== 'size-quota') {
        it('docs: the Bad example fires the rule', () => {
          const bad = exampleAfter(page, 'Bad');
          assert.ok(bad, 'a Bad JSON example');
          assert.ok(firing(bad).includes(r.id), JSON.stringify(firing(bad)));
        });
      }
      it('examples/rules: fires this rule and no other group A rule', () => {
        const file = path.join(ROOT, 'examples/rules', `${r.id}.trust.json`);
        assert.deepStrictEqual(firing(fs.readFileSync(file, 'utf8'), file), [r.id]);
      });
    });
  }
});
