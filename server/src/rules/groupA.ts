import { Rule } from './types';
import { rule as jsonSyntax } from './json-syntax';

/** Group A of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_A: Rule[] = [jsonSyntax];
