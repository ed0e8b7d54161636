import { childrenOf, HclNode } from '../parser/hcl';

/**
 * A Terraform document read as the sequence of what precedes the cursor: brackets, separators,
 * and whole values, from tree-sitter's tree. Where the tree is well formed, a complete value,
 * object element, attribute or block before the cursor is one item; where the user is typing,
 * tree-sitter's recovery leaves ERROR nodes of loose tokens, which are read token by token. Either
 * way the completion's state machine (hclCursor.ts) sees the same stream.
 */

export type Bracket = '{' | '[' | '(' | 'block';

export type HclItem =
  | { t: 'open'; bracket: Bracket; start: number; end: number; parent: HclNode | null }
  | { t: 'close'; bracket: Bracket; start: number; end: number }
  | { t: 'comma' | 'equals' | 'colon'; start: number; end: number }
  /** A value or a word: an identifier, a literal, a string, any expression. */
  | { t: 'atom'; node: HclNode; start: number; end: number }
  /** A string whose closing quote is missing (tree-sitter may drop its text). */
  | { t: 'open-string'; start: number; end: number }
  /** A complete object element, attribute or block (name known, nothing to read inside). */
  | { t: 'element'; node: HclNode; start: number; end: number }
  /** Marks the object or body about to be opened, whose keys and names are all known. */
  | { t: 'container'; node: HclNode; start: number; end: number };

const OPENERS: Record<string, Bracket> = { object_start: '{', block_start: 'block', tuple_start: '[', '(': '(', '{': '{', '[': '[' };
const CLOSERS: Record<string, Bracket> = { object_end: '{', block_end: 'block', tuple_end: '[', ')': '(', '}': '{', ']': '[' };
const PUNCTUATION: Record<string, 'comma' | 'equals' | 'colon'> = { ',': 'comma', '=': 'equals', ':': 'colon' };
/** Nodes whose parts matter when the cursor is inside them or they hold a syntax error. */
const STRUCTURE = new Set(['config_file', 'body', 'block', 'attribute', 'ERROR', 'object', 'tuple', 'object_elem', 'collection_value', 'function_call', 'function_arguments', 'expression']);
const ELEMENTS = new Set(['object_elem', 'attribute', 'block']);
const STRING_PARTS = new Set(['template_literal', 'template_interpolation', 'template_directive', 'escape_sequence', 'quoted_template_end']);

export interface ItemStream {
  items: HclItem[];
  /** The atom or string the cursor is in (not in `items`). */
  token?: HclItem;
}

/** The items before `cursor` under `root`, and the token the cursor is in. */
export function itemsBefore(root: HclNode, cursor: number, text: string): ItemStream {
  const out: ItemStream = { items: [] };
  visit(root, cursor, text, out);
  return out;
}

/** A token the cursor is inside or at the end of (a string closed before the cursor is not). */
function holdsCursor(start: number, end: number, cursor: number, closedString: boolean): boolean {
  return start < cursor && (cursor < end || (cursor === end && !closedString));
}

/** A string or heredoc whose closing quote or marker is written. */
function isClosedString(n: HclNode): boolean {
  const last = n.lastChild;
  if (!last || last.isMissing) return false;
  if (n.type === 'heredoc_template') return last.type === 'heredoc_identifier' && childrenOf(n).filter((c) => c.type === 'heredoc_identifier').length > 1;
  return last.type === 'quoted_template_end';
}

/** Returns true once the cursor is reached. */
function visit(node: HclNode, cursor: number, text: string, out: ItemStream): boolean {
  if (node.isMissing || node.startIndex === node.endIndex || node.type === 'comment') return false;
  if (node.startIndex >= cursor) return true;
  const type = node.type;
  const at = { start: node.startIndex, end: node.endIndex };
  if (OPENERS[type] && node.childCount <= 1) {
    out.items.push({ t: 'open', bracket: OPENERS[type], ...at, parent: node.parent });
    return false;
  }
  if (CLOSERS[type] && node.childCount <= 1) {
    out.items.push({ t: 'close', bracket: CLOSERS[type], ...at });
    return false;
  }
  if (PUNCTUATION[type]) {
    out.items.push({ t: PUNCTUATION[type], ...at });
    return false;
  }
  const inside = node.endIndex >= cursor;
  // A body's attributes and blocks are items of their own even when the body ends before the cursor.
  if (STRUCTURE.has(type) && (inside || node.hasError || type === 'body' || type === 'config_file')) {
    if (type === 'object' || type === 'body') out.items.push({ t: 'container', node, ...at });
    const children = childrenOf(node);
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child.type === 'quoted_template_start') {
        // A string broken up by recovery: its parts follow as siblings, or are lost.
        let j = i + 1;
        while (j < children.length && STRING_PARTS.has(children[j].type)) j++;
        const last = children[j - 1];
        const closed = last.type === 'quoted_template_end' && !last.isMissing;
        const end = closed ? last.endIndex : lineEnd(text, child.startIndex);
        if (child.startIndex >= cursor) return true;
        const item: HclItem = closed ? { t: 'atom', node: child, start: child.startIndex, end } : { t: 'open-string', start: child.startIndex, end };
        if (holdsCursor(item.start, end, cursor, closed)) {
          out.token = item;
          return true;
        }
        out.items.push(item);
        i = j - 1;
        continue;
      }
      if (visit(child, cursor, text, out)) return true;
    }
    return inside;
  }
  if (inside && !ELEMENTS.has(type) && holdsCursor(node.startIndex, node.endIndex, cursor, isValueString(node) && isClosedString(stringNode(node)))) {
    out.token = { t: 'atom', node, ...at };
    return true;
  }
  out.items.push(ELEMENTS.has(type) ? { t: 'element', node, ...at } : { t: 'atom', node, ...at });
  return false;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/** The string node under a value wrapper (`literal_value`, `template_expr`), if the value is a string. */
export function stringNode(node: HclNode): HclNode {
  let n = node;
  while ((n.type === 'literal_value' || n.type === 'template_expr' || n.type === 'expression') && n.namedChildCount === 1) n = n.firstNamedChild!;
  return n;
}

export function isValueString(node: HclNode): boolean {
  const n = stringNode(node);
  return n.type === 'string_lit' || n.type === 'quoted_template' || n.type === 'heredoc_template';
}
