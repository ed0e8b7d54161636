import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lint } from '../testing/ruleTester';
import { loadParsers } from '../testing/parsers';
import { GROUP_D } from './groupD';
import { applyEdits } from '../features/fixAll';

/** Each group D rule has an example (examples/rules/<id>.*: a CloudFormation template or a Terraform file) on which it fires. */
const EXAMPLES = path.resolve(__dirname, '../../../../examples/rules');
const CONFIG = { expectedSessionSeconds: 7200 };

function exampleOf(id: string): string {
  const file = fs.readdirSync(EXAMPLES).find((f) => f.startsWith(`${id}.`));
  assert.ok(file, `no example for ${id}`);
  return path.join(EXAMPLES, file);
}

describe('group D examples', () => {
  loadParsers();

  it('are registered in catalogue order', () => {
    assert.deepStrictEqual(
      GROUP_D.map((r) => r.id),
      ['max-session-duration-range', 'role-chaining-cap', 'session-duration-short'],
    );
    assert.ok(GROUP_D.every((r) => r.group === 'D'));
  });

  for (const rule of GROUP_D) {
    it(`${rule.id}: its example fires it, and its quick fix silences it`, () => {
      const file = exampleOf(rule.id);
      const text = fs.readFileSync(file, 'utf8');
      const findings = lint(text, rule, CONFIG, file);
      assert.strictEqual(findings.length, 1, `${rule.id} on ${file}: ${JSON.stringify(findings)}`);
      const [fix] = findings[0].fixes;
      assert.ok(fix, 'a quick fix is offered');
      const fixed = applyEdits(text, fix.edits);
      assert.deepStrictEqual(lint(fixed, rule, CONFIG, file), []);
      assert.notStrictEqual(fixed, text);
    });
  }
});
