import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../../server/src/rules';
import { withRuleTable } from '../../scripts/ruleTable';

const root = path.resolve(__dirname, '../../..');

describe('README and docs', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

  it('has the rule table generated from the rule modules (run: node out/scripts/ruleTable.js --write)', () => {
    assert.strictEqual(readme, withRuleTable(readme));
  });

  it('has a docs page for every rule, titled with its id', () => {
    for (const rule of ALL_RULES) {
      const page = path.join(root, 'docs', 'rules', `${rule.id}.md`);
      assert.ok(fs.existsSync(page), `docs/rules/${rule.id}.md is missing`);
      assert.match(fs.readFileSync(page, 'utf8'), new RegExp(`^# ${rule.id}\\b`), `docs/rules/${rule.id}.md must start with "# ${rule.id}"`);
    }
  });

  it('opens with the two set-up commands: the main job and every test', () => {
    const firstBlock = /```(?:sh|bash)?\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    assert.match(firstBlock, /npm start/);
    assert.match(firstBlock, /npm test/);
  });
});
