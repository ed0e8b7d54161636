import { asList, Node, ObjectNode, PropertyNode } from '../model/ast';
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
  if (list.length < 2) return;
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
  // One principal cannot repeat: most statements have one.
  if (principal.properties.length === 1 && asList(principal.properties[0].value).length < 2) return;
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
 * Statements' meanings, as numbers: two statements get the same number exactly when they mean the
 * same, reading element names as IAM does (case-insensitively), keys in any order, lists in any
 * order and without repeats, `"x"` the same as `["x"]`, and the Sid left out. Each value and each
 * combination of numbers gets a number the first time it is seen (hash-consing), so no statement
 * is ever written out as text.
 */
class Meanings {
  private next = 0;
  private readonly strings = new Map<string, number>();
  private readonly scalars = new Map<string, number>();
  private readonly keys = new Map<string, number>();
  /** Objects and lists, by the numbers of their parts: a trie, so no key is ever written as text. */
  private readonly objects: Trie = {};
  private readonly lists: Trie = {};

  private idIn(map: Map<string, number>, key: string): number {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = this.next++));
    return id;
  }

  private idOf(trie: Trie, parts: number[]): number {
    let at = trie;
    for (const part of parts) {
      at.next ??= new Map();
      let child = at.next.get(part);
      if (!child) at.next.set(part, (child = {}));
      at = child;
    }
    return (at.id ??= this.next++);
  }

  /** The statement's meaning; call only on statements with nothing unknown or missing (fingerprint). */
  statement(node: Node): number {
    return this.of(node, true);
  }

  private of(node: Node, statementLevel = false): number {
    switch (node.kind) {
      case 'object': {
        // Each property as one number, key and value together, so that sorting puts them in one order.
        const entries: number[] = [];
        for (const p of node.properties) {
          const key = statementLevel ? p.key.toLowerCase() : p.key;
          if (statementLevel && key === 'sid') continue;
          entries.push(this.idIn(this.keys, key) * PAIR + (p.value ? this.of(p.value) : PAIR - 1));
        }
        return this.idOf(this.objects, entries.sort((a, b) => a - b));
      }
      case 'array': {
        const items = [...new Set(node.items.map((i) => this.of(i)))].sort((a, b) => a - b);
        return items.length === 1 ? items[0] : this.idOf(this.lists, items);
      }
      case 'string':
        return this.idIn(this.strings, node.value);
      case 'number':
      case 'boolean':
        return this.idIn(this.scalars, String(node.value));
      case 'null':
        return this.idIn(this.scalars, 'null');
      case 'unknown':
        return this.idIn(this.scalars, `\${${node.text}}`);
    }
  }
}

interface Trie {
  id?: number;
  next?: Map<number, Trie>;
}

/**
 * Key and value numbers of a property packed into one number (key x PAIR + value): exact while
 * there are fewer than PAIR values, far more than a file IAM Trust analyses can hold, and the
 * product stays within JavaScript's exact integers while there are fewer than 2^29 keys.
 */
const PAIR = 2 ** 24;

function sidText(statement: Statement): string | undefined {
  const value = statement.sid?.value;
  return value?.kind === 'string' ? value.value : undefined;
}

/**
 * Marks that statements meaning the same share: their longest string (the greater of equally long
 * ones) and their greatest, the Sid aside. Repeats, order and list forms change nothing about which
 * strings a statement holds, while principal ARNs, subjects and ids usually differ from one
 * statement to the next; so only statements that share both marks are compared in full, and a
 * policy without repeats is read once, cheaply. Undefined when something is known only at deploy
 * time or missing: two deploy-time values that read the same may still differ, so only what is
 * known is compared.
 */
function fingerprint(statement: ObjectNode): { longest: string; greatest: string } | undefined {
  let longest = '';
  let greatest = '';
  const visit = (node: Node | undefined): boolean => {
    switch (node?.kind) {
      case undefined:
      case 'unknown':
        return false;
      case 'object':
        return node.properties.every((p) => visit(p.value));
      case 'array':
        return node.items.every(visit);
      case 'string': {
        const value = node.value;
        if (value.length > longest.length || (value.length === longest.length && value > longest)) longest = value;
        if (value > greatest) greatest = value;
        return true;
      }
      default:
        return true;
    }
  };
  for (const p of statement.properties) {
    if (p.key.toLowerCase() === 'sid') {
      if (containsUnknown(p.value) || !p.value) return undefined;
    } else if (!visit(p.value)) return undefined;
  }
  return { longest, greatest };
}

/** Statements that share their marks: the first alone until another comes, then all by meaning. */
interface Bucket {
  first: Statement;
  byMeaning?: Map<number, Statement>;
}

function checkStatements(context: RuleContext, statements: Statement[]): void {
  const buckets = new Map<string, Map<string, Bucket>>();
  const list = asList(context.policy.statementProperty?.value);
  const meanings = new Meanings();
  let positions: Map<Node, number> | undefined;
  const position = (node: Node) => (positions ??= new Map(list.map((n, i) => [n, i]))).get(node) ?? -1;
  for (const statement of statements) {
    const marks = fingerprint(statement.node);
    if (!marks) continue;
    let byGreatest = buckets.get(marks.longest);
    if (!byGreatest) buckets.set(marks.longest, (byGreatest = new Map()));
    const bucket = byGreatest.get(marks.greatest);
    if (!bucket) {
      byGreatest.set(marks.greatest, { first: statement });
      continue;
    }
    bucket.byMeaning ??= new Map([[meanings.statement(bucket.first.node), bucket.first]]);
    const meaning = meanings.statement(statement.node);
    const first = bucket.byMeaning.get(meaning);
    if (!first) {
      bucket.byMeaning.set(meaning, statement);
      continue;
    }
    const sidDiffers = sidText(statement) !== sidText(first);
    context.report({
      span: objectStart(context.text, statement.node),
      message: `This statement repeats statement ${first.index + 1}${sidDiffers ? ' (only the Sid differs)' : ''}: it has no effect. Remove it.`,
      fixes: removeFix('Remove the repeated statement', list, position(statement.node)),
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
