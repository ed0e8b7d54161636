import { Rule } from './types';
import { rule as principalAny } from './principal-any';

/** Group C of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_C: Rule[] = [principalAny];
