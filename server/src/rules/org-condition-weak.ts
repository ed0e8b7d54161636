import { Rule } from './types';
import { parseOperator } from '../model/policy';
import { conditionsWithKey, conditionValues, isNegatedOperator, isNullOperator, isSpecificValue, isWildcardOperator, narrowingKeyOf } from '../model/zoneOfTrust';

/**
 * Organization conditions on an Allow that do not restrict (trust-checks.md, C). In a Deny the
 * same shapes (`StringNotEqualsIfExists`) are the strong form, so Deny statements are left alone.
 */
const ORG_KEYS = ['aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:SourceOrgID', 'aws:SourceOrgPaths', 'aws:ResourceOrgID', 'aws:ResourceOrgPaths'];
const POSITIVE = '"StringEquals": {"aws:PrincipalOrgID": "o-..."}';

export const rule: Rule = {
  id: 'org-condition-weak',
  group: 'C',
  defaultSeverity: 'warning',
  description: 'An organization condition that does not restrict: IfExists, a wildcard value, Null, or a negated operator on an Allow.',
  check({ policy, report }) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow') continue;
      for (const c of conditionsWithKey(s, ...ORG_KEYS)) {
        const op = parseOperator(c.operator);
        if (isNullOperator(c.operator)) {
          if (conditionValues(c).some((v) => v.text?.toLowerCase() === 'false')) {
            report({
              span: c.keySpan,
              message: `Null "false" only requires the caller to belong to some organization, and anyone can create one. Name yours: ${POSITIVE}.`,
            });
          }
          continue;
        }
        if (isNegatedOperator(c.operator)) {
          report({
            span: c.keySpan,
            message: `${c.operator} in an Allow admits every caller outside the listed organization, including callers in no organization at all: the opposite of a restriction. Write ${POSITIVE}, or move the refusal into a Deny statement.`,
          });
          continue;
        }
        if (op.ifExists) {
          report({
            span: c.keySpan,
            message: `${c.operator} passes when the key is absent, and it is absent for every caller that belongs to no organization: anyone can create such an account. Use ${op.setPrefix ? op.setPrefix + ':' : ''}${op.base} instead.`,
          });
        }
        const key = narrowingKeyOf(c);
        if (!key || !isWildcardOperator(c.operator)) continue;
        for (const v of conditionValues(c)) {
          if (v.text === undefined || isSpecificValue(key, v.text, true)) continue;
          report({
            span: v.node.span,
            message: `Under ${c.operator}, "${v.text}" matches every organization, so any AWS customer who creates one passes. Name your organization id ("o-..." from AWS Organizations).`,
          });
        }
      }
    }
  },
};
