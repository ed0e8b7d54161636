import * as assert from 'assert';
import * as fs from 'fs';
import { lint } from '../testing/ruleTester';
import { assertDocsPageBasics, jsonUnder, ruleDocsPage, ruleExampleFile } from '../testing/ruleDocs';
import { Rule } from './types';
import { GROUP_A } from './groupA';

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
      const page = ruleDocsPage(r.id);
      it('has a docs page that names the default severity', () => {
        assertDocsPageBasics(page, r);
      });
      it('docs: the Good example is clean of every group A rule', () => {
        assert.deepStrictEqual(firing(jsonUnder(page, 'Good')), []);
      });
      // The size-quota Bad example is abbreviated: it would have to be 2,048 characters long.
      if (r.id !== 'size-quota') {
        it('docs: the Bad example fires the rule', () => {
          const bad = jsonUnder(page, 'Bad');
          assert.ok(firing(bad).includes(r.id), JSON.stringify(firing(bad)));
        });
      }
      it('examples/rules: fires this rule and no other group A rule', () => {
        const file = ruleExampleFile(r.id);
        assert.deepStrictEqual(firing(fs.readFileSync(file, 'utf8'), file), [r.id]);
      });
    });
  }
});
