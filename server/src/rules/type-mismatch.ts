import { Node, PropertyNode, typeName } from '../model/ast';
import { Rule, RuleContext } from './types';
import { elementName, policyObject, STATEMENT_ELEMENTS } from './grammar';

/**
 * Each element's JSON type, per the IAM User Guide's policy grammar (reference_policies_grammar):
 * a value of another type makes IAM reject the policy. Unknown values are never a mismatch.
 */

/** `what` reads "X must be Y"; the node's actual type and IAM's verdict are added; `advice` ends the message. */
type Report = (node: Node, what: string, advice?: string) => void;

function isScalar(node: Node): boolean {
  return node.kind === 'string' || node.kind === 'number' || node.kind === 'boolean' || node.kind === 'unknown';
}

/** `"x"` or `["x", "y"]`; reports the whole value, or each item of a list that is not a string. */
function checkStringOrList(node: Node, whole: string, item: string, report: Report): void {
  if (node.kind === 'string' || node.kind === 'unknown') return;
  if (node.kind !== 'array') return report(node, `${whole} must be a string or a list of strings`);
  for (const i of node.items) if (i.kind !== 'string' && i.kind !== 'unknown') report(i, item);
}

function checkPrincipal(property: PropertyNode, report: Report): void {
  const value = property.value;
  if (!value || value.kind === 'unknown') return;
  const name = property.key;
  if (value.kind === 'string') {
    if (value.value !== '*') report(value, `${name} must be an object such as {"AWS": "<role ARN>"}`, 'Only "*" may be written as a plain string.');
    return;
  }
  if (value.kind !== 'object') return report(value, `${name} must be an object such as {"AWS": "<role ARN>"}`);
  for (const type of value.properties) {
    if (type.value) checkStringOrList(type.value, `The "${type.key}" principals`, `Each "${type.key}" principal must be a string`, report);
  }
}

function checkCondition(property: PropertyNode, report: Report): void {
  const value = property.value;
  if (!value || value.kind === 'unknown') return;
  if (value.kind !== 'object') return report(value, `${property.key} must be an object of operators such as {"StringEquals": {"sts:ExternalId": "..."}}`);
  for (const operator of value.properties) {
    const keys = operator.value;
    if (!keys || keys.kind === 'unknown') continue;
    if (keys.kind !== 'object') {
      report(keys, `The condition operator "${operator.key}" must hold an object of condition keys such as {"aws:SourceAccount": "..."}`);
      continue;
    }
    for (const key of keys.properties) {
      const values = key.value;
      if (!values || isScalar(values)) continue;
      if (values.kind !== 'array') {
        report(values, `The condition key "${key.key}" must have a string, number or boolean value, or a list of them`);
        continue;
      }
      for (const item of values.items) {
        if (!isScalar(item)) report(item, `Each value of the condition key "${key.key}" must be a string, number or boolean`);
      }
    }
  }
}

function checkStatementProperty(property: PropertyNode, report: Report): void {
  const value = property.value;
  if (!value || value.kind === 'unknown') return;
  const name = property.key;
  switch (elementName(property.key, STATEMENT_ELEMENTS)) {
    case 'Sid':
      if (value.kind !== 'string') report(value, `${name} must be a string of letters and digits`);
      break;
    case 'Effect':
      if (value.kind !== 'string') report(value, `${name} must be the string "Allow" or "Deny"`);
      break;
    case 'Principal':
    case 'NotPrincipal':
      checkPrincipal(property, report);
      break;
    case 'Action':
    case 'NotAction':
      checkStringOrList(value, name, `Each action in ${name} must be a string`, report);
      break;
    case 'Condition':
      checkCondition(property, report);
      break;
    // Resource/NotResource are not allowed in a trust policy at all (trust-resource); unknown
    // elements are unknown-element's.
  }
}

function checkPolicy(context: RuleContext, report: Report): void {
  const { policy } = context;
  const root = policyObject(policy);
  if (!root) {
    if (policy.root.kind !== 'unknown') report(policy.root, 'A policy must be an object such as {"Version": "2012-10-17", "Statement": [...]}');
    return;
  }
  for (const property of root.properties) {
    const value = property.value;
    if (!value || value.kind === 'unknown') continue;
    const name = property.key;
    switch (property.key.toLowerCase()) {
      case 'version':
        if (value.kind !== 'string') report(value, `${name} must be the string "2012-10-17"`);
        break;
      case 'id':
        if (value.kind !== 'string') report(value, `${name} must be a string`);
        break;
      case 'statement':
        if (value.kind === 'object') break;
        if (value.kind !== 'array') {
          report(value, `${name} must be a statement object or a list of statement objects`);
          break;
        }
        for (const item of value.items) if (item.kind !== 'object' && item.kind !== 'unknown') report(item, 'Each statement must be an object');
        break;
    }
  }
  for (const statement of policy.statements) for (const property of statement.node.properties) checkStatementProperty(property, report);
}

export const rule: Rule = {
  id: 'type-mismatch',
  group: 'A',
  defaultSeverity: 'error',
  description: 'Wrong JSON type for an element (Effect as a number, Principal as a list, ...).',
  check(context) {
    checkPolicy(context, (node, what, advice) =>
      context.report({ span: node.span, message: `${what}, not ${typeName(node)}: IAM rejects the policy.${advice ? ` ${advice}` : ''}` }),
    );
  },
};
