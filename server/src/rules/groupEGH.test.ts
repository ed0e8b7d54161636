import * as assert from 'assert';
import * as fs from 'fs';
import { lint } from '../testing/ruleTester';
import { assertDocsPageBasics, jsonUnder, ruleDocsPage, ruleExampleFile } from '../testing/ruleDocs';
import { Rule } from './types';
import { GROUP_E } from './groupE';
import { GROUP_G } from './groupG';
import { GROUP_H } from './groupH';

const RULES: Rule[] = [...GROUP_E, ...GROUP_G, ...GROUP_H];

/** The ids of the group E, G and H rules that fire on a file. */
function firing(code: string, filePath = 'trust-policy.json'): string[] {
  return RULES.flatMap((r) => lint(code, r, {}, filePath).map((f) => f.ruleId));
}

describe('groups E, G and H', () => {
  it('hold the catalogue\'s rules, in order, each in its group', () => {
    assert.deepStrictEqual(
      GROUP_E.map((r) => r.id),
      ['condition-operator-unknown', 'condition-key-unknown', 'condition-type-mismatch', 'condition-wildcard-without-like', 'condition-forallvalues-single', 'condition-null-ifexists', 'condition-bool-multiple'],
    );
    assert.deepStrictEqual(
      GROUP_G.map((r) => r.id),
      ['service-confused-deputy', 'service-condition-unsupported', 'pod-identity-tag-session', 'roles-anywhere-actions', 'roles-anywhere-scope'],
    );
    assert.deepStrictEqual(
      GROUP_H.map((r) => r.id),
      ['session-name-unconstrained', 'suppression-unused'],
    );
    for (const [group, rules] of [['E', GROUP_E], ['G', GROUP_G], ['H', GROUP_H]] as const) for (const r of rules) assert.strictEqual(r.group, group, r.id);
  });

  for (const r of RULES) {
    describe(`${r.id} docs and example`, () => {
      const page = ruleDocsPage(r.id);
      it('has a docs page that names the default severity and how to turn it off', () => {
        assertDocsPageBasics(page, r);
      });
      it('docs: the Bad example fires the rule, the Good one no rule of groups E, G and H', () => {
        assert.ok(firing(jsonUnder(page, 'Bad')).includes(r.id), 'Bad example is quiet');
        assert.deepStrictEqual(firing(jsonUnder(page, 'Good')), []);
      });
      it('examples/rules: fires this rule and no other of groups E, G and H', () => {
        const file = ruleExampleFile(r.id);
        assert.deepStrictEqual([...new Set(firing(fs.readFileSync(file, 'utf8'), file))], [r.id]);
      });
    });
  }
});
