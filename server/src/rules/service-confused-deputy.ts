import { Rule } from './types';
import { ConditionEntry, Statement, TrustPolicy } from '../model/policy';
import { conditionValues, isNegatedOperator, isNullOperator, isSpecificValue, isWildcardOperator, narrowingKeyOf, narrowingMayBeUnknown, narrowingsFor } from '../model/zoneOfTrust';
import { addJsonProperty, isJson } from './grammar';
import { allowedServices, ROLES_ANYWHERE, serviceException, SOURCE_KEYS } from './serviceGuards';

/**
 * A service principal with no aws:SourceAccount / aws:SourceArn condition (trust-checks.md, G).
 * IAM User Guide, "The confused deputy problem" (cross-service confused deputy prevention): AWS
 * recommends tying the service's request to your own resources. Services that only use a role
 * passed to them with iam:PassRole, and services that send no source keys, are exceptions kept as
 * data (server/data/service-principal-exceptions.json). Roles Anywhere has its own rule
 * (roles-anywhere-scope).
 */
const SOURCE = SOURCE_KEYS.map((k) => k.toLowerCase());

/** A positive condition on a source key whose values all name something specific (not `*`). */
function guards(c: ConditionEntry): boolean {
  const key = narrowingKeyOf(c);
  if (!key || !SOURCE.includes(key) || isNullOperator(c.operator) || isNegatedOperator(c.operator)) return false;
  const wildcard = isWildcardOperator(c.operator);
  const values = conditionValues(c);
  return values.length > 0 && values.every((v) => isSpecificValue(key, v.text, wildcard));
}

function isGuarded(policy: TrustPolicy, statement: Statement): boolean {
  if (statement.conditions.some(guards)) return true;
  return narrowingsFor(policy, statement).some((n) => n.denyStatement && SOURCE.includes(n.condition.key.toLowerCase()));
}

export const rule: Rule = {
  id: 'service-confused-deputy',
  group: 'G',
  defaultSeverity: 'information',
  description: 'A service principal with no `aws:SourceAccount` / `aws:SourceArn` condition: confused-deputy hardening that AWS recommends.',
  check({ policy, source, config, text, report }) {
    for (const { statement, principal, name } of allowedServices(policy)) {
      if (name === ROLES_ANYWHERE || serviceException(name)) continue;
      if (narrowingMayBeUnknown(policy, statement) || isGuarded(policy, statement)) continue;
      const account = config.ownAccountIds.length === 1 ? config.ownAccountIds[0] : undefined;
      const fix =
        account && isJson(source) && !statement.conditionProperty
          ? [{ title: `Add "StringEquals": {"aws:SourceAccount": "${account}"}`, edits: [addJsonProperty(text, statement.node, 'Condition', JSON.stringify({ StringEquals: { 'aws:SourceAccount': account } }), 'last')] }]
          : undefined;
      report({
        span: principal.node.span,
        message: `Nothing ties ${name}'s request to your resources: the service may assume this role on behalf of a resource in another account that names it (the cross-service confused deputy). AWS recommends a condition such as "StringEquals": {"aws:SourceAccount": "${account ?? '<your account id>'}"} or "ArnLike": {"aws:SourceArn": "<the ARN of the resource that uses this role>"}.`,
        fixes: fix,
      });
    }
  },
};
