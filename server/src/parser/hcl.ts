import * as fs from 'fs';
import * as path from 'path';
import type * as TreeSitter from 'web-tree-sitter';
import { Node, PropertyNode, Span } from '../model/ast';
import { SyntaxProblem } from './json';

/**
 * HCL (Terraform) through tree-sitter's HCL grammar compiled to WebAssembly, run by
 * web-tree-sitter (../shared/parsers.md): a real parser with source positions and error
 * recovery, so a half-typed block still yields a tree.
 *
 * Loading WebAssembly is asynchronous: `initHcl()` must have resolved before `parseHcl` can run.
 * Positions (`startIndex`) are UTF-16 offsets when the input is a JS string, like every span.
 */

// `require`, not `import`: esbuild then bundles the package's CommonJS build, whose loader finds
// files next to the bundle; its ES module build relies on import.meta, which a CJS bundle lacks.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const treeSitter = require('web-tree-sitter') as typeof TreeSitter;

export type HclNode = TreeSitter.Node;

/** The web-tree-sitter runtime and the Terraform grammar (Terraform's dialect of HCL). */
export const RUNTIME_WASM = 'tree-sitter.wasm';
export const TERRAFORM_WASM = 'tree-sitter-terraform.wasm';
const PACKAGE_OF: Record<string, string> = {
  [RUNTIME_WASM]: 'web-tree-sitter',
  [TERRAFORM_WASM]: '@tree-sitter-grammars/tree-sitter-hcl',
};

/**
 * Where a .wasm file is: next to this module when it is bundled (scripts/build.mjs copies them to
 * dist/), else in node_modules above it (tests compiled by tsc run from out/).
 */
export function locateWasm(name: string, from = __dirname): string | undefined {
  const candidates = [path.join(from, name)];
  for (let dir = from; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'node_modules', PACKAGE_OF[name], name));
    if (path.dirname(dir) === dir) break;
  }
  return candidates.find((c) => fs.existsSync(c));
}

type LoadState =
  | { status: 'idle' }
  | { status: 'loading'; promise: Promise<void> }
  | { status: 'ready'; parser: TreeSitter.Parser }
  | { status: 'failed'; reason: string };

let state: LoadState = { status: 'idle' };

async function load(): Promise<TreeSitter.Parser> {
  const runtime = locateWasm(RUNTIME_WASM);
  const grammar = locateWasm(TERRAFORM_WASM);
  if (!runtime || !grammar) throw new Error(`${runtime ? TERRAFORM_WASM : RUNTIME_WASM} was not found next to ${__dirname}`);
  await treeSitter.Parser.init({ wasmBinary: fs.readFileSync(runtime) } as object);
  const language = await treeSitter.Language.load(new Uint8Array(fs.readFileSync(grammar)));
  const parser = new treeSitter.Parser();
  parser.setLanguage(language);
  return parser;
}

/**
 * Loads the parser once. Never rejects: when the WebAssembly cannot be loaded, Terraform files
 * are reported as not analysed (hclFailure says why) and every other format keeps working.
 */
export function initHcl(): Promise<void> {
  if (state.status === 'loading') return state.promise;
  if (state.status !== 'idle') return Promise.resolve();
  const promise = load().then(
    (parser) => {
      state = { status: 'ready', parser };
    },
    (e: unknown) => {
      state = { status: 'failed', reason: (e as Error)?.message ?? String(e) };
    },
  );
  state = { status: 'loading', promise };
  return promise;
}

export function hclStatus(): LoadState['status'] {
  return state.status;
}

/** Why the parser could not be loaded, once that is known. */
export function hclFailure(): string | undefined {
  return state.status === 'failed' ? state.reason : undefined;
}

/**
 * Parses and hands the root to `use`; the tree lives in WebAssembly memory and is freed
 * afterwards, so nothing of it may escape `use`. Undefined before initHcl has resolved.
 */
export function withHclTree<T>(text: string, use: (root: HclNode) => T): T | undefined {
  if (state.status !== 'ready') return undefined;
  const tree = state.parser.parse(text);
  if (!tree) return undefined;
  try {
    return use(tree.rootNode);
  } finally {
    tree.delete();
  }
}

export function spanOf(node: HclNode): Span {
  return { offset: node.startIndex, length: node.endIndex - node.startIndex };
}

export function childrenOf(node: HclNode): HclNode[] {
  return node.children.filter((c): c is HclNode => c !== null);
}

export function namedChildrenOf(node: HclNode): HclNode[] {
  return node.namedChildren.filter((c): c is HclNode => c !== null);
}

/** The value of a `"label"` or a plain string literal; undefined when it holds `${...}`. */
export function literalString(node: HclNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'expression' || node.type === 'literal_value' || node.type === 'template_expr') {
    const only = namedChildrenOf(node);
    return only.length === 1 ? literalString(only[0]) : undefined;
  }
  if (node.type !== 'string_lit' && node.type !== 'quoted_template') return undefined;
  const decoded = decodeTemplate(node, false);
  return decoded?.text;
}

/** Text decoded from HCL source, with the source offset of every UTF-16 unit and of the end. */
export interface DecodedText {
  text: string;
  offsets: number[];
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function decodeLiteral(raw: string, start: number, out: DecodedText): void {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    const at = start + i;
    if (c === '\\' && i + 1 < raw.length) {
      const e = raw[i + 1];
      let value: string | undefined = SIMPLE_ESCAPES[e];
      let width = 2;
      if (e === 'u' || e === 'U') {
        const digits = e === 'u' ? 4 : 8;
        const hex = raw.slice(i + 2, i + 2 + digits);
        if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === digits) {
          const code = parseInt(hex, 16);
          value = code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
          width = 2 + digits;
        }
      }
      if (value !== undefined) {
        for (const unit of value.split('')) {
          out.text += unit;
          out.offsets.push(at);
        }
        i += width - 1;
        continue;
      }
    }
    // `$${` and `%%{` are the escapes for a literal `${` and `%{`.
    if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out.text += c;
      out.offsets.push(at);
      i++;
      continue;
    }
    out.text += c;
    out.offsets.push(at);
  }
}

/**
 * Decodes a quoted string or quoted template. Interpolations and directives are copied as
 * written when `keepPlaceholders` (a JSON policy in a string: the template parser makes them
 * unknown); otherwise a string holding one has no literal value and the result is undefined.
 */
export function decodeTemplate(node: HclNode, keepPlaceholders: boolean): DecodedText | undefined {
  const out: DecodedText = { text: '', offsets: [] };
  let end = node.startIndex;
  for (const part of childrenOf(node)) {
    switch (part.type) {
      case 'quoted_template_start':
        end = part.endIndex;
        continue;
      case 'quoted_template_end':
        continue;
      case 'template_literal':
        decodeLiteral(part.text, part.startIndex, out);
        break;
      case 'template_interpolation':
      case 'template_directive':
        if (!keepPlaceholders) return undefined;
        for (let i = 0; i < part.text.length; i++) {
          out.text += part.text[i];
          out.offsets.push(part.startIndex + i);
        }
        break;
      default:
        // An escape sequence or error inside the string: conservatively, no literal value.
        if (!keepPlaceholders) return undefined;
    }
    end = part.endIndex;
  }
  out.offsets.push(end);
  return out;
}

/** Past this depth values become unknown, as in the JSON parser. */
const MAX_DEPTH = 64;

function unknown(node: HclNode): Node {
  return { kind: 'unknown', span: spanOf(node), text: node.text };
}

/** The key of an object element: a bare word (`Version = ...`) or a literal string (`"aws:SourceArn" = ...`). */
function objectKey(keyExpr: HclNode | null): string | undefined {
  if (!keyExpr) return undefined;
  const named = namedChildrenOf(keyExpr);
  if (named.length === 1 && named[0].type === 'variable_expr') return named[0].text;
  return literalString(keyExpr);
}

/**
 * An HCL expression as a neutral value. Literals, objects, tuples and `jsonencode(...)` keep
 * their values; anything Terraform computes (`var.x`, `local.x`, `data.x`, resource attributes,
 * other function calls, `${...}` templates, conditionals, `for` expressions) is unknown.
 */
export function hclValue(node: HclNode, depth = 0): Node {
  if (depth > MAX_DEPTH) return unknown(node);
  const span = spanOf(node);
  switch (node.type) {
    case 'expression':
    case 'literal_value':
    case 'collection_value': {
      const named = namedChildrenOf(node);
      // Two named children are a traversal (`var` `.x`); an ERROR child is a half-typed value.
      return named.length === 1 && !named[0].isError ? hclValue(named[0], depth + 1) : unknown(node);
    }
    case 'string_lit':
    case 'template_expr':
    case 'quoted_template': {
      const value = literalString(node);
      return value === undefined ? unknown(node) : { kind: 'string', span, value };
    }
    case 'numeric_lit': {
      const value = Number(node.text);
      return Number.isFinite(value) ? { kind: 'number', span, value } : unknown(node);
    }
    case 'bool_lit':
      return { kind: 'boolean', span, value: node.text === 'true' };
    case 'null_lit':
      return { kind: 'null', span };
    case 'tuple':
      return { kind: 'array', span, items: namedChildrenOf(node).filter((c) => c.type === 'expression').map((c) => hclValue(c, depth + 1)) };
    case 'object':
      return objectValue(node, depth);
    case 'function_call': {
      const name = node.firstNamedChild?.text;
      if (name !== 'jsonencode') return unknown(node);
      const parts = namedChildrenOf(node);
      const args = parts.find((c) => c.type === 'function_arguments');
      // Half typed, the argument may be an ERROR node standing where function_arguments would be.
      const argList = args ? namedChildrenOf(args).filter((c) => c.type === 'expression') : parts.filter((c) => c.isError);
      // jsonencode(x) is x written as JSON: the policy document itself.
      return argList.length === 1 ? hclValue(argList[0], depth + 1) : unknown(node);
    }
    case 'ERROR':
      return salvage(node, depth);
    case 'operation': {
      // A negative number literal is an operation in HCL's grammar.
      const m = /^-\s*(\d+(\.\d+)?([eE][+-]?\d+)?)$/.exec(node.text);
      return m ? { kind: 'number', span, value: -Number(m[1]) } : unknown(node);
    }
    default:
      return unknown(node);
  }
}

interface PendingKey {
  name: string | undefined;
  node: HclNode;
}

type Frame =
  | { kind: 'object'; start: number; properties: PropertyNode[]; computed: boolean; pendingKey?: PendingKey }
  | { kind: 'array'; start: number; items: Node[] };

/**
 * What tree-sitter could not fit while the user is typing comes back as an ERROR node whose
 * children are the well-formed pieces (object elements, values) and loose brackets and `key =`
 * pairs. Rebuilding the objects and lists from those pieces keeps a half-typed
 * `jsonencode({...})` policy linted, with its syntax error reported apart (hclSyntaxProblems).
 * Brackets left open close at the end of the ERROR node.
 */
function salvage(error: HclNode, depth: number): Node {
  const stack: Frame[] = [];
  let result: Node | undefined;
  const addProperty = (frame: Extract<Frame, { kind: 'object' }>, key: PendingKey, value: Node | undefined, end: number) => {
    if (key.name === undefined) frame.computed = true;
    else frame.properties.push({ key: key.name, keySpan: spanOf(key.node), value, span: { offset: key.node.startIndex, length: end - key.node.startIndex } });
  };
  const attach = (value: Node) => {
    const top = stack[stack.length - 1];
    if (!top) result = result ?? value;
    else if (top.kind === 'array') top.items.push(value);
    else if (top.pendingKey) {
      addProperty(top, top.pendingKey, value, value.span.offset + value.span.length);
      top.pendingKey = undefined;
    }
  };
  const close = (end: number) => {
    const frame = stack.pop() as Frame;
    const span = { offset: frame.start, length: end - frame.start };
    if (frame.kind === 'object' && frame.pendingKey) addProperty(frame, frame.pendingKey, undefined, frame.pendingKey.node.endIndex);
    const value: Node =
      frame.kind === 'array'
        ? { kind: 'array', span, items: frame.items }
        : frame.computed
          ? { kind: 'unknown', span, text: error.text.slice(frame.start - error.startIndex, end - error.startIndex) }
          : { kind: 'object', span, properties: frame.properties };
    attach(value);
  };
  const parts = childrenOf(error);
  for (let i = 0; i < parts.length; i++) {
    const c = parts[i];
    const top = stack[stack.length - 1];
    if (c.type === 'object_start' || c.type === 'tuple_start') {
      stack.push(c.type === 'object_start' ? { kind: 'object', start: c.startIndex, properties: [], computed: false } : { kind: 'array', start: c.startIndex, items: [] });
    } else if ((c.type === 'object_end' || c.type === 'tuple_end') && stack.length) {
      close(c.endIndex);
    } else if (top?.kind === 'object' && c.type === 'object_elem') {
      const keyExpr = c.childForFieldName('key');
      const valueExpr = c.childForFieldName('val');
      if (keyExpr) addProperty(top, { name: objectKey(keyExpr), node: keyExpr }, propertyValue(valueExpr, depth + 1), c.endIndex);
    } else if (top?.kind === 'object' && c.type === 'expression' && (parts[i + 1]?.type === '=' || parts[i + 1]?.type === ':')) {
      // `key =`, then its value: a complete expression next, or a bracket that opens it.
      top.pendingKey = { name: objectKey(c), node: c };
      i++;
    } else if (c.type === 'expression' || c.isError) {
      attach(hclValue(c, depth + 1));
    }
  }
  while (stack.length) close(error.endIndex);
  return result ?? unknown(error);
}

/**
 * Where a value is missing (`"key" = }`), tree-sitter's recovery inserts an empty `{}` or `[]`
 * whose opening bracket is MISSING: the value is still being typed, not an empty object.
 */
function isMissingValue(expr: HclNode): boolean {
  let n: HclNode | null = expr;
  while (n && (n.type === 'expression' || n.type === 'collection_value')) n = n.firstNamedChild;
  const opener = n && (n.type === 'object' || n.type === 'tuple') ? n.firstChild : null;
  return !!opener && (opener.isMissing || !!opener.firstChild?.isMissing);
}

/** A property value: undefined while it is still being typed. */
function propertyValue(expr: HclNode | null | undefined, depth: number): Node | undefined {
  return expr && !isMissingValue(expr) ? hclValue(expr, depth) : undefined;
}

function objectValue(node: HclNode, depth: number): Node {
  const properties: PropertyNode[] = [];
  for (const elem of namedChildrenOf(node)) {
    if (elem.isError) {
      // `Action =` with its value not typed yet: the element is there, its value is not.
      const [keyExpr, separator] = childrenOf(elem);
      const key = keyExpr?.type === 'expression' && (separator?.type === '=' || separator?.type === ':') ? objectKey(keyExpr) : undefined;
      if (key !== undefined) properties.push({ key, keySpan: spanOf(keyExpr), span: spanOf(elem) });
      continue;
    }
    if (elem.type !== 'object_elem') continue;
    const keyExpr = elem.childForFieldName('key');
    const key = objectKey(keyExpr);
    // A computed key (`(var.k) = ...`) hides which element this is: the object cannot be known.
    if (key === undefined || !keyExpr) return unknown(node);
    const valueExpr = elem.childForFieldName('val');
    properties.push({
      key,
      keySpan: spanOf(keyExpr),
      value: propertyValue(valueExpr, depth + 1),
      span: spanOf(elem),
    });
  }
  return { kind: 'object', span: spanOf(node), properties };
}

const CLOSERS: Record<string, string> = {
  object_end: '}',
  block_end: '}',
  tuple_end: ']',
  quoted_template_end: '"',
  template_interpolation_end: '}',
  ')': ')',
};

const OPENERS: Record<string, string> = { object_start: '{', tuple_start: '[', '(': '(' };
/** Tokens tree-sitter inserts where a value is missing (`"key" = }` reads as `= {}`). */
const VALUE_OPENERS = new Set(['object_start', 'tuple_start', '{', '[']);
const CLOSES: Record<string, string> = { object_end: 'object_start', tuple_end: 'tuple_start', ')': '(' };

function missing(node: HclNode): SyntaxProblem {
  const span = { offset: node.startIndex, length: 0 };
  if (VALUE_OPENERS.has(node.type)) return { span, message: 'Terraform: a value is expected here' };
  return { span, message: `Terraform: "${CLOSERS[node.type] ?? node.type}" is missing here` };
}

/**
 * One problem for an ERROR node, the most useful one: the first thing tree-sitter found missing
 * inside it; else the innermost bracket it leaves open; else its text, when short.
 */
function errorProblem(node: HclNode): SyntaxProblem {
  const inner: SyntaxProblem[] = [];
  for (const c of childrenOf(node)) if (c.hasError || c.isMissing) collectProblems(c, inner);
  if (inner.length) return inner[0];
  const open: HclNode[] = [];
  for (const c of childrenOf(node)) {
    if (OPENERS[c.type]) open.push(c);
    else if (CLOSES[c.type] && open.length && open[open.length - 1].type === CLOSES[c.type]) open.pop();
  }
  const unclosed = open[open.length - 1];
  if (unclosed) return { span: spanOf(unclosed), message: `Terraform: this "${OPENERS[unclosed.type]}" is not closed` };
  const text = node.text.trim();
  const short = !text.includes('\n') && text.length <= 40;
  const last = node.lastChild;
  if (short && (last?.type === '=' || last?.type === ':')) return { span: spanOf(node), message: `Terraform: a value is expected after "${text}"` };
  const first = childrenOf(node)[0];
  return {
    span: short || !first ? spanOf(node) : spanOf(first),
    message: `Terraform: unexpected "${(short ? text : (first?.text ?? text)).split('\n')[0].slice(0, 40)}"`,
  };
}

function collectProblems(node: HclNode, out: SyntaxProblem[]): void {
  if (node.isMissing) out.push(missing(node));
  else if (node.isError) out.push(errorProblem(node));
  else if (node.hasError) for (const c of childrenOf(node)) collectProblems(c, out);
}

/** Syntax errors under `node` (tree-sitter's ERROR and MISSING nodes), one per error. */
export function hclSyntaxProblems(node: HclNode): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  collectProblems(node, out);
  return out;
}
