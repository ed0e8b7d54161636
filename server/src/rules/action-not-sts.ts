import { Rule } from './types';
import { classifyAction, trustActionList } from '../aws/stsActions';
import { replaceStringValue } from './trustPrincipals';

/**
 * A trust policy grants only STS actions (trust-checks.md, B): it says who may assume the role.
 * What the role may then do is its permissions policy's business.
 */
export const rule: Rule = {
  id: 'action-not-sts',
  group: 'B',
  defaultSeverity: 'error',
  description: 'An action outside STS in a trust policy.',
  check({ policy, text, report }) {
    for (const statement of policy.statements) {
      for (const action of statement.actions) {
        if (action.value === undefined) continue;
        const meaning = classifyAction(action.value);
        if (meaning.kind !== 'other-service' && meaning.kind !== 'no-prefix') continue;
        const edit = meaning.suggestion && replaceStringValue(text, action.node, meaning.suggestion);
        const fixes = edit ? [{ title: `Write "${meaning.suggestion}"`, preferred: true, edits: [edit] }] : undefined;
        if (meaning.kind === 'no-prefix') {
          report({
            span: action.node.span,
            message:
              `"${action.value}" has no service prefix: IAM reads actions as service:Action and rejects the policy. ` +
              (meaning.suggestion ? `Write "${meaning.suggestion}".` : `A trust policy allows ${trustActionList()}.`),
            fixes,
          });
        } else {
          report({
            span: action.node.span,
            message:
              `"${action.value}" is an action of ${meaning.service}, not STS: a trust policy only says who may assume the role, and IAM rejects other services' actions in it. ` +
              (meaning.suggestion
                ? `Write "${meaning.suggestion}".`
                : `What the role may do once assumed belongs in its permissions policy; here use ${trustActionList()}.`),
            fixes,
          });
        }
      }
    }
  },
};
