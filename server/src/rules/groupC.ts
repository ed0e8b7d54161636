import { Rule } from './types';
import { rule as principalAny } from './principal-any';
import { rule as principalAccountRoot } from './principal-account-root';
import { rule as principalUser } from './principal-user';
import { rule as principalRedundantSession } from './principal-redundant-session';
import { rule as principalExampleAccount } from './principal-example-account';
import { rule as crossAccountNoExternalId } from './cross-account-no-external-id';
import { rule as externalIdInvalid } from './external-id-invalid';
import { rule as externalIdWeak } from './external-id-weak';
import { rule as orgIdInvalid } from './org-id-invalid';
import { rule as orgPathsInvalid } from './org-paths-invalid';
import { rule as orgConditionWeak } from './org-condition-weak';
import { rule as mfaConditionWeak } from './mfa-condition-weak';
import { rule as denyBlocksAll } from './deny-blocks-all';
import { rule as noAllow } from './no-allow';

/** Group C of ../shared/trust-checks.md, in catalogue order. */
export const GROUP_C: Rule[] = [
  principalAny,
  principalAccountRoot,
  principalUser,
  principalRedundantSession,
  principalExampleAccount,
  crossAccountNoExternalId,
  externalIdInvalid,
  externalIdWeak,
  orgIdInvalid,
  orgPathsInvalid,
  orgConditionWeak,
  mfaConditionWeak,
  denyBlocksAll,
  noAllow,
];
