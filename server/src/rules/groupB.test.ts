import * as assert from 'assert';
import * as fs from 'fs';
import { lint } from '../testing/ruleTester';
import { assertDocsPageBasics, jsonUnder, ruleDocsPage, ruleExampleFile } from '../testing/ruleDocs';
import { GROUP_B } from './groupB';

/**
 * Each group B rule ships an example policy (examples/rules/<id>.trust.json) and a docs page
 * (docs/rules/<id>.md). What a user reads there must be true of the rule: the example and the
 * page's Bad policy fire it, and the Good policy passes every group B rule.
 */
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
        const file = ruleExampleFile(rule.id);
        assert.ok(lint(fs.readFileSync(file, 'utf8'), rule, {}, file).length > 0, `quiet on ${file}`);
      });
      it('has a docs page whose Bad policy fires it and whose Good policy passes group B', () => {
        const page = ruleDocsPage(rule.id);
        assertDocsPageBasics(page, rule);
        assert.ok(lint(jsonUnder(page, 'Bad'), rule).length > 0, 'the Bad policy is quiet');
        assert.deepStrictEqual(groupBFindings(jsonUnder(page, 'Good')), []);
      });
    });
  }
});
