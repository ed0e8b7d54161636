import { Rule } from './types';

/** Group E of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_E: Rule[] = [];
