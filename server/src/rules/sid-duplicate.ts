import { Rule } from './types';

/** IAM User Guide (reference_policies_elements_sid): in IAM a Sid must be unique within a policy. */
export const rule: Rule = {
  id: 'sid-duplicate',
  group: 'A',
  defaultSeverity: 'error',
  description: 'Two statements with the same `Sid`.',
  check({ policy, report }) {
    const firstIndex = new Map<string, number>();
    for (const statement of policy.statements) {
      const value = statement.sid?.value;
      // An empty Sid is empty-value's; unknown values may well differ.
      if (value?.kind !== 'string' || value.value === '') continue;
      const first = firstIndex.get(value.value);
      if (first === undefined) {
        firstIndex.set(value.value, statement.index);
        continue;
      }
      report({
        span: value.span,
        message: `Statement ${first + 1} already has the Sid "${value.value}": IAM rejects a policy whose statements share a Sid. Give this statement its own Sid, e.g. "${value.value}${statement.index + 1}".`,
      });
    }
  },
};
