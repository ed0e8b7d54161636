import { Statement } from '../model/policy';
import { Rule } from './types';
import { addJsonProperty, isJson, objectStart } from './grammar';
import { federatedKinds } from './trustPrincipals';

/**
 * The action a statement's principal needs (trust-checks.md, B: action-principal-mismatch): SAML
 * providers use AssumeRoleWithSAML, other federated principals (also those known only at deploy
 * time) AssumeRoleWithWebIdentity, the rest AssumeRole.
 */
function actionFor(statement: Statement): string {
  if (federatedKinds(statement).saml) return 'sts:AssumeRoleWithSAML';
  if (statement.principals.some((p) => p.type === 'Federated')) return 'sts:AssumeRoleWithWebIdentity';
  return 'sts:AssumeRole';
}

/** IAM User Guide (reference_policies_grammar): every statement has Action or NotAction. */
export const rule: Rule = {
  id: 'action-missing',
  group: 'A',
  defaultSeverity: 'error',
  description: 'No `Action` or `NotAction`, or an empty list.',
  check({ policy, source, text, report }) {
    for (const statement of policy.statements) {
      const action = actionFor(statement);
      const properties = [statement.actionProperty, statement.notActionProperty].filter((p) => p !== undefined);
      if (properties.length === 0) {
        report({
          span: objectStart(text, statement.node),
          message: `This statement has no "Action": IAM rejects the policy. Add "Action": "${action}", the call the trusted principal makes.`,
          fixes: isJson(source)
            ? [{ title: `Add "Action": "${action}"`, preferred: true, edits: [addJsonProperty(text, statement.node, 'Action', JSON.stringify(action), 'last')] }]
            : undefined,
        });
        continue;
      }
      for (const property of properties) {
        const value = property.value;
        if (value?.kind !== 'array' || value.items.length > 0) continue;
        report({
          span: value.span,
          message: `"${property.key}" is an empty list: IAM rejects the policy. List the actions, e.g. "${action}".`,
        });
      }
    }
  },
};
