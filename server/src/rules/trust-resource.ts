import { Rule } from './types';
import { isJson } from './grammar';
import { removeProperty } from './trustPrincipals';

/**
 * A role trust policy is a resource policy whose resource is the role itself: IAM refuses an
 * explicit `Resource` or `NotResource` with "Has prohibited field Resource" (trust-checks.md, B;
 * the same text moto's trust-policy validator uses, ../shared/aws-sts-iam-wire.md §5).
 */
export const rule: Rule = {
  id: 'trust-resource',
  group: 'B',
  defaultSeverity: 'error',
  description: '`Resource` or `NotResource` in a trust policy: IAM rejects it ("Has prohibited field Resource").',
  check({ policy, source, report }) {
    for (const statement of policy.statements) {
      for (const property of [statement.resourceProperty, statement.notResourceProperty]) {
        if (!property) continue;
        report({
          span: property.keySpan,
          message:
            `IAM rejects this trust policy: "Has prohibited field ${property.key}". ` +
            'The resource of a trust policy is always the role it is attached to, so the element must go. ' +
            'If you meant to limit what the role may do, that belongs in the role\'s permissions policy.',
          fixes: isJson(source)
            ? [{ title: `Remove "${property.key}"`, preferred: true, edits: [removeProperty(statement.node, property)] }]
            : undefined,
        });
      }
    }
  },
};
