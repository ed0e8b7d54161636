import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Rule } from '../rules/types';

/**
 * What the group tests check of each rule's docs page (docs/rules/<id>.md) and example policy
 * (examples/rules/<id>.trust.json): what a user reads there must be true of the rule.
 */

/** Compiled to out/server/src/testing: the repository root is four levels up. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

export function ruleDocsPage(ruleId: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, 'docs/rules', `${ruleId}.md`), 'utf8');
}

/** The example policy of a rule that is written as a plain JSON trust policy. */
export function ruleExampleFile(ruleId: string): string {
  return path.join(REPO_ROOT, 'examples/rules', `${ruleId}.trust.json`);
}

/** The first JSON block of the `## <heading>` section of a docs page. */
export function jsonUnder(page: string, heading: string): string {
  const section = page.split(/^## /m).find((s) => s.startsWith(heading + '\n'));
  const block = section && /```json\n([^]*?)```/.exec(section);
  assert.ok(block, `no JSON block under "## ${heading}"`);
  return block[1];
}

/** The page is titled with the rule's id and says its default severity and how to turn it off. */
export function assertDocsPageBasics(page: string, rule: Rule): void {
  assert.ok(page.startsWith(`# ${rule.id}\n`), 'title');
  assert.ok(page.includes(`Default severity: **${rule.defaultSeverity}**`), 'severity line');
  assert.ok(page.includes(`{ "rules": { "${rule.id}": "off" } }`), 'how to turn it off');
}
