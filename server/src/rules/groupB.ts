import { Rule } from './types';

/** Group B of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_B: Rule[] = [];
