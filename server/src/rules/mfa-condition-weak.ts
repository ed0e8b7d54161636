import { Rule } from './types';
import { parseOperator } from '../model/policy';
import { conditionsWithKey, conditionValues } from '../model/zoneOfTrust';

/**
 * `aws:MultiFactorAuthPresent` is absent from requests signed with long-term access keys (IAM
 * User Guide, "AWS global condition context keys"; trust-checks.md, C), so `BoolIfExists ... true`
 * admits exactly the callers MFA was meant to stop, and a Deny on `Bool ... false` misses them.
 */
const REQUIRE = '"Bool": {"aws:MultiFactorAuthPresent": "true"}';

export const rule: Rule = {
  id: 'mfa-condition-weak',
  group: 'C',
  defaultSeverity: 'warning',
  description: 'An MFA condition that does not require MFA: BoolIfExists ... "true", or "false".',
  check({ policy, report }) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' && s.effect !== 'Deny') continue;
      for (const c of conditionsWithKey(s, 'aws:MultiFactorAuthPresent')) {
        const op = parseOperator(c.operator);
        if (op.base.toLowerCase() !== 'bool') continue;
        const values = conditionValues(c).filter((v) => v.text !== undefined);
        const falseValue = values.find((v) => v.text?.toLowerCase() === 'false');
        const trueValue = values.find((v) => v.text?.toLowerCase() === 'true');
        if (s.effect === 'Allow') {
          if (falseValue) {
            report({
              span: falseValue.node.span,
              message: `"false" admits callers that did not use MFA; it requires nothing. To require MFA write ${REQUIRE}.`,
            });
          } else if (trueValue && op.ifExists) {
            report({
              span: c.keySpan,
              message: `${c.operator} passes when the request has no aws:MultiFactorAuthPresent key, as for every call signed with long-term access keys, so callers without MFA get in. Write ${REQUIRE}.`,
            });
          }
        } else if (trueValue) {
          report({
            span: trueValue.node.span,
            message: '"true" in a Deny refuses the callers that did use MFA. To refuse callers without MFA write "BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}.',
          });
        } else if (falseValue && !op.ifExists) {
          report({
            span: c.keySpan,
            message: 'Bool "false" in a Deny misses requests that carry no aws:MultiFactorAuthPresent key, as for every call signed with long-term access keys, so they are not refused. Write "BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}.',
          });
        }
      }
    }
  },
};
