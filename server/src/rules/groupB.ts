import { Rule } from './types';
import { rule as trustResource } from './trust-resource';
import { rule as trustNotPrincipal } from './trust-notprincipal';
import { rule as principalMissing } from './principal-missing';
import { rule as principalBareWildcard } from './principal-bare-wildcard';
import { rule as principalPartialWildcard } from './principal-partial-wildcard';
import { rule as principalKeyInvalid } from './principal-key-invalid';
import { rule as principalArnInvalid } from './principal-arn-invalid';
import { rule as principalUniqueId } from './principal-unique-id';
import { rule as servicePrincipalUnknown } from './service-principal-unknown';
import { rule as federatedPrincipalInvalid } from './federated-principal-invalid';
import { rule as actionNotSts } from './action-not-sts';
import { rule as actionUnknown } from './action-unknown';
import { rule as actionWildcard } from './action-wildcard';
import { rule as actionPrincipalMismatch } from './action-principal-mismatch';

/** Group B of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_B: Rule[] = [
  trustResource,
  trustNotPrincipal,
  principalMissing,
  principalBareWildcard,
  principalPartialWildcard,
  principalKeyInvalid,
  principalArnInvalid,
  principalUniqueId,
  servicePrincipalUnknown,
  federatedPrincipalInvalid,
  actionNotSts,
  actionUnknown,
  actionWildcard,
  actionPrincipalMismatch,
];
