import { Rule } from './types';
import { objectStart } from './grammar';
import { statementName } from '../model/zoneOfTrust';

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Every statement of a role trust policy names who it applies to (trust-checks.md, B); without
 * `Principal` IAM rejects the policy as malformed ("Missing required field Principal" is the text
 * IAM is commonly reported to give; unconfirmed here). A statement with `NotPrincipal` is left to
 * trust-notprincipal, so one mistake gives one finding.
 */
export const rule: Rule = {
  id: 'principal-missing',
  group: 'B',
  defaultSeverity: 'error',
  description: 'A statement with no `Principal`.',
  check({ policy, text, report }) {
    for (const statement of policy.statements) {
      if (statement.principalProperty || statement.notPrincipalProperty) continue;
      report({
        span: objectStart(text, statement.node),
        message:
          `${capitalize(statementName(statement))} has no "Principal": IAM rejects a trust policy statement that does not say who it applies to. ` +
          'Add "Principal" with the role, account, service or identity provider that may assume the role, e.g. {"Service": "lambda.amazonaws.com"}.',
      });
    }
  },
};
