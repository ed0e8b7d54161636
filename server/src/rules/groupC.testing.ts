import * as assert from 'assert';
import { TrustConfig } from '../config';
import { lintWithUnknowns } from './grammarTesting';
import { Rule } from './types';

export { lintWithUnknowns };

/**
 * Test support for the group C rules. In the policies, every string written as `"${...}"` stands
 * for a value known only at deploy time (a Terraform `var.x`, a CloudFormation `!Ref`) and becomes
 * an `unknown` node (grammarTesting.ts), as the template adapters produce them.
 */
export function assertQuietWithUnknowns(rule: Rule, code: string, config: Partial<TrustConfig> = {}): void {
  const found = lintWithUnknowns(code, rule, config);
  assert.deepStrictEqual(
    found.map((f) => `${f.message} @ ${code.substr(f.span.offset, f.span.length)}`),
    [],
  );
}
