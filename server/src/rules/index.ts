import { Rule } from './types';
import { GROUP_A } from './groupA';
import { GROUP_B } from './groupB';
import { GROUP_C } from './groupC';
import { GROUP_D } from './groupD';
import { GROUP_E } from './groupE';
import { GROUP_F } from './groupF';
import { GROUP_G } from './groupG';
import { GROUP_H } from './groupH';

/** Every rule, in catalogue order (../shared/trust-checks.md). */
export const ALL_RULES: readonly Rule[] = [...GROUP_A, ...GROUP_B, ...GROUP_C, ...GROUP_D, ...GROUP_E, ...GROUP_F, ...GROUP_G, ...GROUP_H];

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
