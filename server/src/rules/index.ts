import { Rule } from './types';
import { GROUP_A } from './groupA';
import { GROUP_B } from './groupB';
import { GROUP_C } from './groupC';

/** Every rule, in catalogue order (../shared/trust-checks.md). */
export const ALL_RULES: readonly Rule[] = [...GROUP_A, ...GROUP_B, ...GROUP_C];

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
