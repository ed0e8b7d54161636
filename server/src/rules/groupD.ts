import { Rule } from './types';
import { rule as maxSessionDurationRange } from './max-session-duration-range';
import { rule as roleChainingCap } from './role-chaining-cap';
import { rule as sessionDurationShort } from './session-duration-short';

/** Group D of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_D: Rule[] = [maxSessionDurationRange, roleChainingCap, sessionDurationShort];
