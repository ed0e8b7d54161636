import { childrenOf, HclNode, literalString, namedChildrenOf } from '../parser/hcl';
import { pastComma } from './cursor';
import { HclItem, stringNode } from './hclItems';

/**
 * The state machine completion runs over a Terraform file's items up to the cursor
 * (hclItems.ts): the blocks it is in (`resource "aws_iam_role" "x"`, `statement`), the attribute
 * whose value it is in, and inside that value the objects, lists and calls still open, with the
 * keys and values each already holds. It only reads; what the position means is hclCursor.ts's.
 */

export interface BlockFrame {
  words: (string | undefined)[];
  names: string[];
  attributes: Record<string, string>;
  node?: HclNode;
}

export interface KeyAt {
  key: string;
  start: number;
  /** Written as a string (`"Effect"`), not a bare word. */
  quoted: boolean;
}

export type ValueFrame =
  | { kind: 'object'; state: 'key' | 'sep' | 'value' | 'after'; key?: string; keys: KeyAt[]; separator?: '=' | ':'; lastEnd: number }
  | { kind: 'array'; state: 'value' | 'after'; index: number; values: string[] }
  | { kind: 'call'; name: string; state: 'value' | 'after'; parent: HclNode | null };

export interface AttributeState {
  name: string;
  equalsEnd: number;
  frames: ValueFrame[];
  started: boolean;
  done: boolean;
}

/** The text of a word (an identifier) or the value of a literal string. */
function wordOf(item: HclItem | undefined): string | undefined {
  if (!item || item.t !== 'atom') return undefined;
  const node = stringNode(item.node);
  if (node.type === 'string_lit' || node.type === 'quoted_template') return literalString(node);
  return /^[A-Za-z_][\w-]*$/.test(item.node.text) ? item.node.text : undefined;
}

function elementName(node: HclNode): string | undefined {
  const first = node.firstNamedChild;
  if (!first) return undefined;
  if (node.type === 'object_elem') return wordOf({ t: 'atom', node: first, start: first.startIndex, end: first.endIndex });
  return first.type === 'identifier' ? first.text : undefined;
}

function elementValue(node: HclNode): string | undefined {
  const named = namedChildrenOf(node);
  const value = node.type === 'object_elem' ? node.childForFieldName('val') : named.find((c) => c.type === 'expression');
  return value ? literalString(value) : undefined;
}

function elementSeparator(node: HclNode): '=' | ':' | undefined {
  const sep = childrenOf(node).find((c) => c.type === '=' || c.type === ':');
  return sep ? (sep.type as '=' | ':') : undefined;
}

export class Reader {
  blocks: BlockFrame[] = [];
  pending: HclItem[] = [];
  attribute?: AttributeState;
  separatorSeen?: '=' | ':';
  /** Whether the first key read anywhere in the value was written as a string. */
  quotedKeysSeen?: boolean;
  private container?: HclNode;
  last?: HclItem;

  constructor(private readonly text: string) {}

  newLineBetween(from: number, to: number): boolean {
    return this.text.slice(from, to).includes('\n');
  }

  step(item: HclItem): void {
    const a = this.attribute;
    if (a && !a.started && a.frames.length === 0 && this.newLineBetween(a.equalsEnd, item.start)) this.attribute = undefined;
    else if (a && a.done && a.frames.length === 0 && !(item.t === 'open' && item.bracket === '(')) this.attribute = undefined;
    // Recovery may end an attribute at `name = jsonencode` and leave `(...)` in an ERROR after it.
    const last = this.last;
    if (!this.attribute && item.t === 'open' && item.bracket === '(' && last?.t === 'element' && last.node.type === 'attribute' && last.end === item.start) {
      const name = elementName(last.node);
      const callee = namedChildrenOf(last.node).find((c) => c.type === 'expression')?.text ?? '';
      if (name !== undefined) this.attribute = { name, equalsEnd: last.start, frames: [{ kind: 'call', name: callee, state: 'value', parent: item.parent }], started: true, done: false };
      this.last = item;
      return;
    }
    if (this.attribute) this.valueStep(this.attribute, item);
    else this.bodyStep(item);
    this.last = item;
  }

  private bodyStep(item: HclItem): void {
    const top = this.blocks[this.blocks.length - 1];
    switch (item.t) {
      case 'container':
        // A block's body comes after its opening brace: it belongs to the frame just pushed.
        if (item.node.type === 'body' && top && !top.node) this.fill(top, item.node);
        return;
      case 'atom':
      case 'open-string':
        this.pending.push(item);
        return;
      case 'equals':
        if (this.pending.length === 1) {
          const name = wordOf(this.pending[0]);
          if (name !== undefined) {
            this.attribute = { name, equalsEnd: item.end, frames: [], started: false, done: false };
            if (top && !top.node) top.names.push(name);
          }
        }
        this.pending = [];
        return;
      case 'open':
        if ((item.bracket === 'block' || item.bracket === '{') && this.pending.length) this.blocks.push({ words: this.pending.map(wordOf), names: [], attributes: {} });
        this.pending = [];
        return;
      case 'close':
        this.blocks.pop();
        this.pending = [];
        return;
      case 'element': {
        const name = elementName(item.node);
        if (top && name !== undefined) {
          if (!top.node) top.names.push(name);
          const value = elementValue(item.node);
          if (value !== undefined) top.attributes[name] = value;
        }
        this.pending = [];
        return;
      }
      default:
        this.pending = [];
    }
  }

  /** What a block body already holds, before and after the cursor. */
  private fill(frame: BlockFrame, body: HclNode): void {
    frame.node = body.parent ?? undefined;
    for (const child of childrenOf(body)) {
      if (child.type !== 'attribute' && child.type !== 'block') continue;
      const name = elementName(child);
      if (name === undefined) continue;
      frame.names.push(name);
      const value = child.type === 'attribute' ? elementValue(child) : undefined;
      if (value !== undefined) frame.attributes[name] = value;
    }
  }

  private consume(a: AttributeState, end: number): void {
    const top = a.frames[a.frames.length - 1];
    if (!top) {
      a.started = true;
      a.done = true;
    } else if (top.state === 'value') {
      top.state = 'after';
      if (top.kind === 'object') top.lastEnd = end;
    }
  }

  private valueStep(a: AttributeState, item: HclItem): void {
    const top = a.frames[a.frames.length - 1];
    switch (item.t) {
      case 'container':
        if (item.node.type === 'object') this.container = item.node;
        return;
      case 'open':
        if (item.bracket === '(') {
          const callee = this.last?.t === 'atom' && this.last.end === item.start ? this.last.node.text : '';
          if (a.frames.length === 0) a.done = false;
          a.frames.push({ kind: 'call', name: callee, state: 'value', parent: item.parent });
          return;
        }
        this.consume(a, item.end);
        a.done = false;
        if (item.bracket === '[') a.frames.push({ kind: 'array', state: 'value', index: 0, values: [] });
        else a.frames.push({ kind: 'object', state: 'key', keys: this.containerKeys(item.start), lastEnd: item.end });
        return;
      case 'close':
        a.frames.pop();
        if (a.frames.length === 0) a.done = true;
        return;
      case 'comma':
        pastComma(top);
        return;
      case 'equals':
      case 'colon':
        if (top?.kind === 'object' && top.state === 'sep') {
          top.state = 'value';
          top.separator = item.t === 'equals' ? '=' : ':';
          this.separatorSeen ??= top.separator;
        }
        return;
      case 'element':
        if (top?.kind === 'object') {
          const name = elementName(item.node);
          if (name !== undefined && !top.keys.some((k) => k.start === item.start)) top.keys.push({ key: name, start: item.start, quoted: item.node.text.startsWith('"') });
          top.separator ??= elementSeparator(item.node);
          this.separatorSeen ??= top.separator;
          top.state = 'after';
          top.lastEnd = item.end;
        }
        return;
      case 'atom':
      case 'open-string':
        if (top?.kind === 'object' && (top.state === 'key' || top.state === 'after')) {
          const key = wordOf(item);
          top.key = key;
          this.quotedKeysSeen ??= this.text[item.start] === '"';
          if (key !== undefined && !top.keys.some((k) => k.start === item.start)) top.keys.push({ key, start: item.start, quoted: this.text[item.start] === '"' });
          top.state = 'sep';
          return;
        }
        if (top?.kind === 'array' && top.state === 'value') {
          const value = wordOf(item);
          if (value !== undefined && item.t === 'atom' && stringNode(item.node).type !== 'identifier') top.values.push(value);
        }
        this.consume(a, item.end);
        return;
    }
  }

  private containerKeys(start: number): KeyAt[] {
    const node = this.container;
    this.container = undefined;
    if (!node || node.startIndex !== start) return [];
    const keys: KeyAt[] = [];
    for (const elem of namedChildrenOf(node)) {
      if (elem.type !== 'object_elem') continue;
      const name = elementName(elem);
      if (name !== undefined) keys.push({ key: name, start: elem.startIndex, quoted: elem.text.startsWith('"') });
      this.separatorSeen ??= elementSeparator(elem);
    }
    return keys;
  }
}
