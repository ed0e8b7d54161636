import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lint } from '../testing/ruleTester';
import { GROUP_C } from './groupC';

/** Each group C rule has an example policy (examples/rules/<id>.trust.json) on which it fires. */
const EXAMPLES = path.resolve(__dirname, '../../../../examples/rules');

describe('group C examples', () => {
  for (const rule of GROUP_C) {
    it(`${rule.id}: its example fires it`, () => {
      const file = path.join(EXAMPLES, `${rule.id}.trust.json`);
      const findings = lint(fs.readFileSync(file, 'utf8'), rule, {}, file);
      assert.ok(findings.length > 0, `${rule.id} is quiet on ${file}`);
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
