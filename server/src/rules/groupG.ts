import { Rule } from './types';

/** Group G of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_G: Rule[] = [];
