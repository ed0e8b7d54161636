import { Rule } from './types';
import { rule as serviceConfusedDeputy } from './service-confused-deputy';
import { rule as serviceConditionUnsupported } from './service-condition-unsupported';
import { rule as podIdentityTagSession } from './pod-identity-tag-session';
import { rule as rolesAnywhereActions } from './roles-anywhere-actions';
import { rule as rolesAnywhereScope } from './roles-anywhere-scope';

/** Group G of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_G: Rule[] = [serviceConfusedDeputy, serviceConditionUnsupported, podIdentityTagSession, rolesAnywhereActions, rolesAnywhereScope];
