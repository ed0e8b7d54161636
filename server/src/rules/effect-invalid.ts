import { closest } from '../util/closest';
import { Rule } from './types';
import { addJsonProperty, isJson, objectStart, replaceWord } from './grammar';

const EFFECTS = ['Allow', 'Deny'];

/** IAM User Guide (reference_policies_elements_effect): Effect is required and is exactly Allow or Deny. */
export const rule: Rule = {
  id: 'effect-invalid',
  group: 'A',
  defaultSeverity: 'error',
  description: '`Effect` missing, or not exactly `Allow` or `Deny`.',
  check({ policy, source, text, report }) {
    for (const statement of policy.statements) {
      const property = statement.effectProperty;
      if (!property) {
        report({
          span: objectStart(text, statement.node),
          message: 'This statement has no "Effect": IAM rejects the policy. Add "Effect": "Allow" to let the principal assume the role.',
          fixes: isJson(source)
            ? [{ title: 'Add "Effect": "Allow"', preferred: true, edits: [addJsonProperty(text, statement.node, 'Effect', '"Allow"', 'first')] }]
            : undefined,
        });
        continue;
      }
      const value = property.value;
      // Other types are type-mismatch's; an unknown value may well be right.
      if (value?.kind !== 'string' || EFFECTS.includes(value.value)) continue;
      const suggestion = EFFECTS.find((e) => e.toLowerCase() === value.value.trim().toLowerCase()) ?? closest(value.value.trim(), EFFECTS);
      const instead = suggestion ? `Write "${suggestion}".` : 'Write "Allow" or "Deny".';
      const caseOnly = suggestion !== undefined && suggestion.toLowerCase() === value.value.trim().toLowerCase();
      report({
        span: value.span,
        message: `IAM rejects the policy: Effect must be exactly "Allow" or "Deny"${caseOnly ? ', with that spelling and case' : ''}, not "${value.value}". ${instead}`,
        fixes: suggestion ? [{ title: `Change to "${suggestion}"`, preferred: true, edits: [replaceWord(text, value.span, suggestion)] }] : undefined,
      });
    }
  },
};
