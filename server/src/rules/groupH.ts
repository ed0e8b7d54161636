import { Rule } from './types';
import { rule as sessionNameUnconstrained } from './session-name-unconstrained';
import { rule as suppressionUnused } from './suppression-unused';

/** Group H of ../shared/trust-checks.md (session names and audit), in catalogue order. */
export const GROUP_H: Rule[] = [sessionNameUnconstrained, suppressionUnused];
