import { Rule } from './types';
import { rule as conditionOperatorUnknown } from './condition-operator-unknown';
import { rule as conditionKeyUnknown } from './condition-key-unknown';
import { rule as conditionTypeMismatch } from './condition-type-mismatch';
import { rule as conditionWildcardWithoutLike } from './condition-wildcard-without-like';
import { rule as conditionForAllValuesSingle } from './condition-forallvalues-single';
import { rule as conditionNullIfExists } from './condition-null-ifexists';
import { rule as conditionBoolMultiple } from './condition-bool-multiple';

/** Group E of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_E: Rule[] = [
  conditionOperatorUnknown,
  conditionKeyUnknown,
  conditionTypeMismatch,
  conditionWildcardWithoutLike,
  conditionForAllValuesSingle,
  conditionNullIfExists,
  conditionBoolMultiple,
];
