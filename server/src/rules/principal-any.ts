import { Rule } from './types';
import { ConditionEntry, parseOperator, Statement } from '../model/policy';

/**
 * Condition keys that narrow who the caller can be (trust-checks.md, C: principal-any). A narrowing
 * condition must be a positive, non-IfExists match on a value that is not itself a wildcard.
 */
const NARROWING_KEYS = ['aws:principalorgid', 'aws:principalorgpaths', 'aws:principalarn', 'aws:principalaccount', 'aws:sourceaccount', 'aws:sourcearn', 'sts:externalid', 'aws:userid', 'aws:principaltag'];

function narrows(c: ConditionEntry): boolean {
  const key = c.key.toLowerCase();
  if (!NARROWING_KEYS.some((k) => key === k || key.startsWith(k + '/'))) return false;
  const op = parseOperator(c.operator);
  if (op.ifExists || /^(StringNot|ArnNot|Null)/i.test(op.base)) return false;
  // An unknown value may well be specific: never report what depends on it.
  return c.values.some((v) => v.value === undefined || (v.value !== '*' && v.value !== ''));
}

export function narrowingConditions(s: Statement): ConditionEntry[] {
  return s.conditions.filter(narrows);
}

export const rule: Rule = {
  id: 'principal-any',
  group: 'C',
  defaultSeverity: 'error',
  description: '`{"AWS": "*"}` in an Allow with no condition that narrows the caller: anyone in any AWS account can assume the role.',
  check({ policy, report }) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow') continue;
      for (const p of s.principals) {
        if (p.type !== 'AWS' || p.value !== '*') continue;
        const narrowing = narrowingConditions(s);
        if (narrowing.length === 0) {
          report({
            span: p.node.span,
            message:
              'Any principal in any AWS account can assume this role. Name the trusted roles or accounts, or add a condition such as aws:PrincipalOrgID (your organization) or aws:PrincipalArn.',
          });
        } else {
          report({
            span: p.node.span,
            severity: 'hint',
            message: `Any AWS principal, restricted by ${narrowing.map((c) => c.key).join(' and ')}.`,
          });
        }
      }
    }
  },
};
