import { Rule } from './types';
import { CURRENT_VERSION, OLD_VERSION, policyObject, replaceWord } from './grammar';

/** IAM User Guide (reference_policies_elements_version): the only versions are 2012-10-17 and 2008-10-17. */
export const rule: Rule = {
  id: 'version-invalid',
  group: 'A',
  defaultSeverity: 'error',
  description: '`Version` other than `2012-10-17` or `2008-10-17`.',
  check({ policy, text, report }) {
    const value = policyObject(policy) && policy.version?.value;
    // A number or a list is type-mismatch's to report; an unknown value may well be right.
    if (value?.kind !== 'string' || value.value === CURRENT_VERSION || value.value === OLD_VERSION) return;
    report({
      span: value.span,
      message: `IAM rejects the policy: "${value.value}" is not a policy language version. The only versions are "${CURRENT_VERSION}" and the old "${OLD_VERSION}"; write "${CURRENT_VERSION}".`,
      fixes: [{ title: `Change the version to "${CURRENT_VERSION}"`, preferred: true, edits: [replaceWord(text, value.span, CURRENT_VERSION)] }],
    });
  },
};
