import { Rule } from './types';
import { addJsonProperty, CURRENT_VERSION, isJson, OLD_VERSION, objectStart, policyObject } from './grammar';

/**
 * IAM User Guide (reference_policies_elements_version): without `Version` the policy language
 * defaults to 2008-10-17, where policy variables are not replaced (trust-checks.md, A).
 */
export const rule: Rule = {
  id: 'version-missing',
  group: 'A',
  defaultSeverity: 'warning',
  description: 'No `Version`: IAM then uses 2008-10-17, where policy variables do not work.',
  check({ policy, source, text, report }) {
    const root = policyObject(policy);
    if (!root || policy.version) return;
    report({
      span: objectStart(text, root),
      message: `This policy has no "Version": IAM then reads it as version ${OLD_VERSION}, where policy variables such as \${aws:username} are not replaced but compared as literal text. Add "Version": "${CURRENT_VERSION}".`,
      fixes: isJson(source)
        ? [{ title: `Add "Version": "${CURRENT_VERSION}"`, preferred: true, edits: [addJsonProperty(text, root, 'Version', JSON.stringify(CURRENT_VERSION), 'first')] }]
        : undefined,
    });
  },
};
