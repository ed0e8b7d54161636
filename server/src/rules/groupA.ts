import { Rule } from './types';
import { rule as jsonSyntax } from './json-syntax';
import { rule as versionMissing } from './version-missing';
import { rule as versionInvalid } from './version-invalid';
import { rule as versionOld } from './version-old';
import { rule as statementMissing } from './statement-missing';
import { rule as unknownElement } from './unknown-element';
import { rule as duplicateKey } from './duplicate-key';
import { rule as typeMismatch } from './type-mismatch';
import { rule as effectInvalid } from './effect-invalid';
import { rule as exclusiveElements } from './exclusive-elements';
import { rule as actionMissing } from './action-missing';
import { rule as sidInvalid } from './sid-invalid';
import { rule as sidDuplicate } from './sid-duplicate';
import { rule as emptyValue } from './empty-value';
import { rule as redundant } from './redundant';
import { rule as sizeQuota } from './size-quota';

/** Group A of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_A: Rule[] = [
  jsonSyntax,
  versionMissing,
  versionInvalid,
  versionOld,
  statementMissing,
  unknownElement,
  duplicateKey,
  typeMismatch,
  effectInvalid,
  exclusiveElements,
  actionMissing,
  sidInvalid,
  sidDuplicate,
  emptyValue,
  redundant,
  sizeQuota,
];
