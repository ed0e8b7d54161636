import * as assert from 'assert';
import * as fs from 'fs';
import { lint } from '../testing/ruleTester';
import { assertDocsPageBasics, jsonUnder, ruleDocsPage, ruleExampleFile } from '../testing/ruleDocs';
import { analyseDocument } from '../documents';
import { mergeConfig } from '../config';
import { validateDocument } from '../validation';
import { GROUP_C } from './groupC';

/** Each group C rule has an example policy (examples/rules/<id>.trust.json) on which it fires. */

describe('group C examples', () => {
  for (const rule of GROUP_C) {
    it(`${rule.id}: its example fires it`, () => {
      const file = ruleExampleFile(rule.id);
      const findings = lint(fs.readFileSync(file, 'utf8'), rule, {}, file);
      assert.ok(findings.length > 0, `${rule.id} is quiet on ${file}`);
    });
  }
  for (const rule of GROUP_C) {
    it(`${rule.id}: its docs page's Bad example fires it and its Good example does not`, () => {
      const page = ruleDocsPage(rule.id);
      assertDocsPageBasics(page, rule);
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

  it('compare statements with each other in bounded time on a huge policy', function () {
    this.timeout(30000);
    const statements = [];
    for (let i = 0; i < 1500; i++) {
      statements.push({ Effect: 'Allow', Principal: { AWS: ['*', `arn:aws:iam::${String(348201957364 + i)}:root`] }, Action: 'sts:AssumeRole' });
      statements.push({ Effect: 'Deny', Principal: { AWS: '*' }, Action: `sts:TagSession${i}`, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } });
    }
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    const config = mergeConfig({});
    const doc = analyseDocument({ text, filePath: 'huge.trust.json', force: true }, config);
    assert.ok(doc);
    const started = Date.now();
    validateDocument(doc, config, { rules: GROUP_C, onRuleError: (id, e) => assert.fail(`${id}: ${e}`) });
    // Comparing every grant with every Deny took minutes here; bounded, it takes well under a second.
    assert.ok(Date.now() - started < 10000, `took ${Date.now() - started} ms`);
  });
});
