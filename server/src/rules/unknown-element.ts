import { ObjectNode } from '../model/ast';
import { closest } from '../util/closest';
import { Rule, RuleContext } from './types';
import { elementName, POLICY_ELEMENTS, policyObject, replaceWord, STATEMENT_ELEMENTS } from './grammar';

/**
 * IAM User Guide (reference_policies_grammar): a policy holds only Version, Id and Statement; a
 * statement only Sid, Effect, Principal/NotPrincipal, Action/NotAction, Resource/NotResource and
 * Condition. IAM reads the names ignoring case, so `effect` is known.
 */
function checkObject(context: RuleContext, object: ObjectNode, elements: readonly string[], where: string): void {
  for (const property of object.properties) {
    if (elementName(property.key, elements)) continue;
    const suggestion = closest(property.key, elements);
    const instead = suggestion ? `Did you mean "${suggestion}"?` : `The elements allowed here are ${elements.join(', ')}.`;
    context.report({
      span: property.keySpan,
      message: `Unknown element "${property.key}" in ${where}: IAM rejects the policy. ${instead}`,
      fixes: suggestion ? [{ title: `Change to "${suggestion}"`, preferred: true, edits: [replaceWord(context.text, property.keySpan, suggestion)] }] : undefined,
    });
  }
}

export const rule: Rule = {
  id: 'unknown-element',
  group: 'A',
  defaultSeverity: 'error',
  description: 'A key IAM does not know, at policy or statement level.',
  check(context) {
    const root = policyObject(context.policy);
    if (!root) return;
    checkObject(context, root, POLICY_ELEMENTS, 'the policy');
    for (const statement of context.policy.statements) checkObject(context, statement.node, STATEMENT_ELEMENTS, 'a statement');
  },
};
