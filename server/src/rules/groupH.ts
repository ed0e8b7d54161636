import { Rule } from './types';

/** Group H of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_H: Rule[] = [];
