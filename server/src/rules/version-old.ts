import { Rule } from './types';
import { CURRENT_VERSION, OLD_VERSION, policyObject, replaceWord } from './grammar';

/** IAM User Guide (reference_policies_elements_version): 2008-10-17 does not support policy variables. */
export const rule: Rule = {
  id: 'version-old',
  group: 'A',
  defaultSeverity: 'warning',
  description: '`Version` is the old `2008-10-17`.',
  check({ policy, text, report }) {
    const value = policyObject(policy) && policy.version?.value;
    if (value?.kind !== 'string' || value.value !== OLD_VERSION) return;
    report({
      span: value.span,
      message: `"${OLD_VERSION}" is the old policy language: policy variables such as \${aws:username} are compared as literal text instead of being replaced, and newer features may not work. Write "${CURRENT_VERSION}".`,
      fixes: [{ title: `Change the version to "${CURRENT_VERSION}"`, preferred: true, edits: [replaceWord(text, value.span, CURRENT_VERSION)] }],
    });
  },
};
