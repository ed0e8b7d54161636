import { Rule } from './types';

/** Group F of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_F: Rule[] = [];
