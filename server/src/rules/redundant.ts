import { asList, Node, PropertyNode } from '../model/ast';
import { Statement } from '../model/policy';
import { parseAwsPrincipal } from '../aws/principals';
import { Fix, Rule, RuleContext } from './types';
import { containsUnknown, objectStart, removeListItem } from './grammar';

/**
 * The same action, principal or whole statement twice (trust-checks.md, A: redundant). Repeats
 * change nothing: values of one element are OR-ed, statements are OR-ed. They are noise that
 * hides what the policy really trusts, and they cost characters of the 2,048 quota.
 */

interface Seen {
  value: string;
  list: readonly Node[];
  index: number;
}

function removeFix(title: string, list: readonly Node[], index: number): Fix[] | undefined {
  const edit = removeListItem(list, index);
  return edit ? [{ title, preferred: true, edits: [edit] }] : undefined;
}

/** IAM action names are case-insensitive (`sts:assumerole` is `sts:AssumeRole`). */
function checkActions(context: RuleContext, property: PropertyNode | undefined): void {
  if (!property) return;
  const list = asList(property.value);
  const seen = new Map<string, Seen>();
  list.forEach((node, index) => {
    if (node.kind !== 'string') return;
    const first = seen.get(node.value.toLowerCase());
    if (!first) return void seen.set(node.value.toLowerCase(), { value: node.value, list, index });
    context.report({
      span: node.span,
      message: `"${node.value}" is already listed in this ${property.key}: the repeat has no effect. Remove it.`,
      fixes: removeFix(`Remove the repeated "${node.value}"`, list, index),
    });
  });
}

/** A 12-digit account id and `arn:<p>:iam::<id>:root` mean the same thing (trust-checks.md, limits). */
function principalIdentity(type: string, value: string): string {
  if (type === 'AWS') {
    const parsed = parseAwsPrincipal(value);
    if (parsed.kind === 'account') return `AWS account ${parsed.account}`;
  }
  return `${type.toLowerCase()} ${value}`;
}

function checkPrincipals(context: RuleContext, property: PropertyNode | undefined): void {
  const principal = property?.value;
  if (principal?.kind !== 'object') return;
  const seen = new Map<string, Seen>();
  for (const type of principal.properties) {
    const list = asList(type.value);
    list.forEach((node, index) => {
      if (node.kind !== 'string') return;
      const identity = principalIdentity(type.key, node.value);
      const first = seen.get(identity);
      if (!first) return void seen.set(identity, { value: node.value, list, index });
      const same = first.value === node.value ? `"${node.value}" is already listed` : `"${node.value}" means the same as "${first.value}" (the whole account), already listed`;
      context.report({
        span: node.span,
        message: `${same} as a "${type.key}" principal of this statement: the repeat has no effect. Remove it.`,
        fixes: first.list === list ? removeFix(`Remove the repeated "${node.value}"`, list, index) : undefined,
      });
    });
  }
}

/**
 * A statement's meaning as text: element names in IAM's case-insensitive reading, keys in any
 * order, lists in any order and without repeats, `"x"` the same as `["x"]`, the Sid left out.
 */
function canonical(node: Node, statementLevel = false): string {
  switch (node.kind) {
    case 'object': {
      const entries = node.properties
        .filter((p) => !(statementLevel && p.key.toLowerCase() === 'sid'))
        .map((p) => `${JSON.stringify(statementLevel ? p.key.toLowerCase() : p.key)}:${p.value ? canonical(p.value) : ''}`);
      return `{${entries.sort().join(',')}}`;
    }
    case 'array': {
      const items = [...new Set(node.items.map((i) => canonical(i)))].sort();
      return items.length === 1 ? items[0] : `[${items.join(',')}]`;
    }
    case 'string':
      return JSON.stringify(node.value);
    case 'number':
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'unknown':
      return `\${${node.text}}`;
  }
}

function sidText(statement: Statement): string | undefined {
  const value = statement.sid?.value;
  return value?.kind === 'string' ? value.value : undefined;
}

function checkStatements(context: RuleContext, statements: Statement[]): void {
  const seen = new Map<string, Statement>();
  const list = asList(context.policy.statementProperty?.value);
  for (const statement of statements) {
    // Two deploy-time values that read the same may still differ: compare only what is known.
    if (containsUnknown(statement.node)) continue;
    const meaning = canonical(statement.node, true);
    const first = seen.get(meaning);
    if (!first) {
      seen.set(meaning, statement);
      continue;
    }
    const sidDiffers = sidText(statement) !== sidText(first);
    context.report({
      span: objectStart(context.text, statement.node),
      message: `This statement repeats statement ${first.index + 1}${sidDiffers ? ' (only the Sid differs)' : ''}: it has no effect. Remove it.`,
      fixes: removeFix('Remove the repeated statement', list, list.indexOf(statement.node)),
    });
  }
}

export const rule: Rule = {
  id: 'redundant',
  group: 'A',
  defaultSeverity: 'hint',
  description: 'The same action, principal or whole statement listed twice.',
  check(context) {
    for (const statement of context.policy.statements) {
      checkActions(context, statement.actionProperty);
      checkActions(context, statement.notActionProperty);
      checkPrincipals(context, statement.principalProperty);
      checkPrincipals(context, statement.notPrincipalProperty);
    }
    checkStatements(context, context.policy.statements);
  },
};
