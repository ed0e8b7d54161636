import { Rule } from './types';
import { actionList, reportMissingActions, ROLES_ANYWHERE } from './serviceGuards';

/**
 * IAM Roles Anywhere without all of its actions (trust-checks.md, G). IAM Roles Anywhere User
 * Guide, "Trust model" (role trust policy): the service assumes the role with session tags taken
 * from the certificate and sets the source identity, so the trust policy must allow
 * sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity.
 */
const REQUIRED = ['AssumeRole', 'TagSession', 'SetSourceIdentity'];

export const rule: Rule = {
  id: 'roles-anywhere-actions',
  group: 'G',
  defaultSeverity: 'error',
  description: '`rolesanywhere.amazonaws.com` without all of `sts:AssumeRole`, `sts:TagSession`, `sts:SetSourceIdentity`.',
  check(context) {
    reportMissingActions(context, ROLES_ANYWHERE, REQUIRED, (missing) =>
      `IAM Roles Anywhere assumes this role with session tags from the certificate and sets its source identity, so the trust policy must allow ${actionList(REQUIRED)}: without ${actionList(missing)}, CreateSession fails for every certificate. Add ${actionList(missing)} to Action.`,
    );
  },
};
