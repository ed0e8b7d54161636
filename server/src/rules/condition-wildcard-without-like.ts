import { Rule } from './types';
import { lookupOperator } from '../aws/conditionOperators';
import { conditionValues } from '../model/zoneOfTrust';
import { operatorBlockOf, renameOperatorFix, withBase, withoutEscapes } from './conditionChecks';
import { Severity } from '../config';
import { claimKeysJudgedByFederation } from './federation';

/**
 * `*` or `?` in a value of an exact-match operator (trust-checks.md, E). IAM User Guide
 * (reference_policies_elements_condition_operators): StringEquals and its variants compare
 * literally, only StringLike / StringNotLike read `*` and `?` as wildcards.
 *
 * ArnEquals is a special case: the same page says ArnEquals and ArnLike both match each ARN field
 * with wildcards, so the pattern works; it is reported softly (information) because it reads as an
 * exact match and tools that follow older documentation treat it as one.
 */
const LITERAL_TO_PATTERN: Record<string, { like: string; severity?: Severity }> = {
  StringEquals: { like: 'StringLike' },
  StringNotEquals: { like: 'StringNotLike' },
  StringEqualsIgnoreCase: { like: 'StringLike' },
  StringNotEqualsIgnoreCase: { like: 'StringNotLike' },
  ArnEquals: { like: 'ArnLike', severity: 'information' },
  ArnNotEquals: { like: 'ArnNotLike', severity: 'information' },
};

export const rule: Rule = {
  id: 'condition-wildcard-without-like',
  group: 'E',
  defaultSeverity: 'warning',
  description: '`*` or `?` in a `StringEquals`/`ArnEquals` value: matched literally, so it never matches what the author meant.',
  check({ policy, text, report }) {
    // An identity provider's subject is judged by oidc-sub-malformed, which knows whether a
    // StringLike would open the role to other tenants ("repo:*"): one finding, one safe fix.
    const judgedByFederation = claimKeysJudgedByFederation(policy);
    for (const statement of policy.statements) {
      for (const c of statement.conditions) {
        if (judgedByFederation.has(c.key.toLowerCase())) continue;
        const op = lookupOperator(c.operator);
        const pattern = op && LITERAL_TO_PATTERN[op.base.name];
        if (!op || !pattern) continue;
        const block = operatorBlockOf(statement, c);
        const like = withBase(c.operator, pattern.like);
        // IgnoreCase has no Like twin: renaming would start comparing case, which is not a clear edit.
        const fixes = block && !/IgnoreCase$/.test(op.base.name) ? renameOperatorFix(text, statement, block, like, `Change to "${like}"`) : undefined;
        for (const v of conditionValues(c)) {
          if (v.text === undefined || !/[*?]/.test(withoutEscapes(v.text))) continue;
          const message = pattern.severity
            ? `IAM matches "${v.text}" as a pattern under ${op.base.name} as it does under ${pattern.like}, but ${op.base.name} reads as an exact match, and tools that follow older documentation treat it as one. Write ${like} so that readers see a pattern.`
            : `${op.base.name} compares "${v.text}" literally: "*" and "?" stand for themselves, not for any text, so this value ${
                op.base.negated ? `excludes only a value of ${c.key} spelled exactly that way and lets every other value through` : `matches only a value of ${c.key} spelled exactly that way, never the values the pattern was meant to cover`
              }. Use ${like} to match a pattern, or write the exact value.`;
          report({ span: v.node.span, message, severity: pattern.severity, fixes });
        }
      }
    }
  },
};
