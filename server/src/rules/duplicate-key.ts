import { Node, ObjectNode, PropertyNode } from '../model/ast';
import { Rule, RuleContext } from './types';
import { policyObject } from './grammar';

/**
 * The same key twice in one object. JSON parsers keep one of the two and silently drop the
 * other; IAM reads element names ignoring case, so `Effect` and `effect` are the same element
 * (trust-checks.md, A). Terraform users have lost Condition keys this way
 * (hashicorp/terraform-provider-aws#33026).
 */
function checkObject(context: RuleContext, object: ObjectNode): void {
  // Most objects of a policy hold one key (a principal type, an operator, a condition key).
  if (object.properties.length < 2) return;
  const seen = new Map<string, PropertyNode>();
  for (const property of object.properties) {
    const lower = property.key.toLowerCase();
    const first = seen.get(lower);
    if (!first) {
      seen.set(lower, property);
      continue;
    }
    const same = first.key === property.key ? `"${property.key}" appears twice in this object` : `"${property.key}" repeats "${first.key}" (keys that differ only in case are the same key to IAM)`;
    context.report({
      span: property.keySpan,
      message: `${same}: IAM rejects the policy or keeps only one of the two and silently drops the other. Merge them into one "${first.key}".`,
    });
  }
}

function walk(context: RuleContext, node: Node | undefined): void {
  if (!node) return;
  if (node.kind === 'array') for (const item of node.items) walk(context, item);
  if (node.kind !== 'object') return;
  checkObject(context, node);
  for (const property of node.properties) walk(context, property.value);
}

export const rule: Rule = {
  id: 'duplicate-key',
  group: 'A',
  defaultSeverity: 'error',
  description: 'The same key twice in one object, including keys that differ only in case.',
  check(context) {
    // The parser caps nesting depth, so this recursion is bounded.
    walk(context, policyObject(context.policy));
  },
};
