import { Rule } from './types';
import { isJson } from './grammar';

/**
 * `"Principal": "*"` as a bare string (trust-checks.md, B): a role trust policy takes the object
 * form `{"AWS": "*"}`. The fix writes that form; whether "anyone" is wise is principal-any's question.
 */
export const rule: Rule = {
  id: 'principal-bare-wildcard',
  group: 'B',
  defaultSeverity: 'error',
  description: '`"Principal": "*"` as a bare string; a trust policy needs the form `{"AWS": "*"}`.',
  check({ policy, source, report }) {
    for (const statement of policy.statements) {
      const value = statement.principalProperty?.value;
      if (value?.kind !== 'string' || value.value !== '*') continue;
      report({
        span: value.span,
        message:
          'A role trust policy does not accept "Principal": "*" as a plain string; write {"AWS": "*"}. ' +
          'Either way it means any principal in any AWS account: narrow it with a condition such as aws:PrincipalOrgID, or name the trusted role.',
        fixes: isJson(source) ? [{ title: 'Write {"AWS": "*"}', preferred: true, edits: [{ span: value.span, newText: '{"AWS": "*"}' }] }] : undefined,
      });
    }
  },
};
