import { Rule } from './types';
import { Statement } from '../model/policy';
import { actionMatches, conditionIsUnknown, coversActions, coversAllPrincipals, coversPrincipals, MAX_CROSS_STATEMENT_ANALYSIS, statementsAreUnknown } from '../model/zoneOfTrust';

/**
 * A Deny with no condition that covers every principal and action the Allow statements grant
 * (trust-checks.md, C): an explicit Deny always wins, so nobody can assume the role.
 */
function hasNoCondition(s: Statement): boolean {
  return s.conditions.length === 0 && !conditionIsUnknown(s);
}

function blocksEverything(deny: Statement, statements: Statement[]): boolean {
  const grants = statements.filter((s) => s !== deny && s.effect !== 'Deny');
  if (grants.length === 0) {
    // Nothing is allowed anyway (no-allow says so); the Deny still closes the role for good.
    return coversAllPrincipals(deny) && !deny.notActionProperty && deny.actions.some((a) => a.value !== undefined && actionMatches(a.value, 'sts:AssumeRole'));
  }
  return grants.every((g) => coversPrincipals(deny, g) === 'yes' && coversActions(deny, g) === 'yes');
}

export const rule: Rule = {
  id: 'deny-blocks-all',
  group: 'C',
  defaultSeverity: 'warning',
  description: 'A Deny with no condition that covers every principal: nobody can assume the role.',
  check({ policy, report }) {
    if (statementsAreUnknown(policy) || policy.statements.length > MAX_CROSS_STATEMENT_ANALYSIS) return;
    for (const s of policy.statements) {
      if (s.effect !== 'Deny' || !s.effectProperty?.value || !hasNoCondition(s)) continue;
      if (!blocksEverything(s, policy.statements)) continue;
      report({
        span: s.effectProperty.value.span,
        message:
          'This Deny has no Condition and covers every principal and action that the Allow statements grant. An explicit Deny always wins, so nobody can assume this role. ' +
          'Add a Condition that says whom to refuse (for example "StringNotEquals": {"aws:PrincipalOrgID": "o-..."}), or remove the statement.',
      });
    }
  },
};
