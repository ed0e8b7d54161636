import { Rule } from './types';

/** Group D of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_D: Rule[] = [];
