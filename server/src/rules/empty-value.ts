import { ArrayNode, Node, ObjectNode } from '../model/ast';
import { Statement } from '../model/policy';
import { Rule } from './types';

/**
 * Empty elements IAM accepts but that do nothing (trust-checks.md, A: empty-value): usually a
 * value the author meant to fill in. Empty Action lists are action-missing's (IAM rejects them).
 */
function isEmpty(node: Node | undefined): node is ObjectNode | ArrayNode {
  return (node?.kind === 'object' && node.properties.length === 0) || (node?.kind === 'array' && node.items.length === 0);
}

function findEmpty(statement: Statement, found: (node: Node, message: string) => void): void {
  for (const property of [statement.principalProperty, statement.notPrincipalProperty]) {
    const value = property?.value;
    if (!property || value?.kind !== 'object') continue;
    if (value.properties.length === 0) {
      found(value, `An empty ${property.key} names nobody, so this statement has no effect. Name who may assume the role, e.g. {"Service": "ec2.amazonaws.com"}, or remove the statement.`);
      continue;
    }
    for (const type of value.properties) {
      if (isEmpty(type.value)) found(type.value, `An empty list of "${type.key}" principals names nobody: it has no effect. List the trusted principals, or remove "${type.key}".`);
    }
  }
  const condition = statement.conditionProperty?.value;
  if (condition?.kind === 'object') {
    if (condition.properties.length === 0) {
      found(condition, 'An empty Condition has no effect: the statement applies with no condition. Add the condition you meant, or remove it.');
    }
    for (const operator of condition.properties) {
      if (isEmpty(operator.value)) found(operator.value, `"${operator.key}" holds no condition keys, so it has no effect. Add the key and value you meant, or remove "${operator.key}".`);
    }
  }
  for (const entry of statement.conditions) {
    if (isEmpty(entry.valueNode)) found(entry.valueNode, `"${entry.key}" has an empty list of values, so it tests nothing you can rely on. List the values it must match, or remove "${entry.key}".`);
  }
  const sid = statement.sid?.value;
  if (sid?.kind === 'string' && sid.value === '') found(sid, 'An empty Sid has no effect. Remove it, or name the statement with letters and digits.');
}

export const rule: Rule = {
  id: 'empty-value',
  group: 'A',
  defaultSeverity: 'hint',
  description: 'An empty `Principal`, `Condition`, value list or `Sid`: it has no effect.',
  check({ policy, report }) {
    for (const statement of policy.statements) findEmpty(statement, (node, message) => report({ span: node.span, message }));
  },
};
