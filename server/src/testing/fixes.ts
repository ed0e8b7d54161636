import * as assert from 'assert';
import { TrustConfig } from '../config';
import { applyEdits } from '../features/fixAll';
import { Rule } from '../rules/types';
import { lint } from './ruleTester';

/** The text after applying the first (preferred) fix of the rule's only finding. */
export function fixed(code: string, rule: Rule, config: Partial<TrustConfig> = {}, filePath?: string): string {
  const findings = lint(code, rule, config, filePath);
  assert.strictEqual(findings.length, 1, `expected one finding, got ${JSON.stringify(findings.map((f) => f.message))}`);
  const fix = findings[0].fixes[0];
  assert.ok(fix, `"${findings[0].message}" has no fix`);
  return applyEdits(code, fix.edits);
}
