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
      const args = namedChildrenOf(node).find((c) => c.type === 'function_arguments');
      const argList = args ? namedChildrenOf(args).filter((c) => c.type === 'expression') : [];
      // jsonencode(x) is x written as JSON: the policy document itself.
      return name === 'jsonencode' && argList.length === 1 ? hclValue(argList[0], depth + 1) : unknown(node);
    }
    case 'operation': {
      // A negative number literal is an operation in HCL's grammar.
      const m = /^-\s*(\d+(\.\d+)?([eE][+-]?\d+)?)$/.exec(node.text);
      return m ? { kind: 'number', span, value: -Number(m[1]) } : unknown(node);
    }
    default:
      return unknown(node);
  }
}

function objectValue(node: HclNode, depth: number): Node {
  const properties: PropertyNode[] = [];
  for (const elem of namedChildrenOf(node)) {
    if (elem.type !== 'object_elem') continue;
    const keyExpr = elem.childForFieldName('key');
    const key = objectKey(keyExpr);
    // A computed key (`(var.k) = ...`) hides which element this is: the object cannot be known.
    if (key === undefined || !keyExpr) return unknown(node);
    const valueExpr = elem.childForFieldName('val');
    properties.push({
      key,
      keySpan: spanOf(keyExpr),
      value: valueExpr ? hclValue(valueExpr, depth + 1) : undefined,
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

/** Syntax errors under `node` (tree-sitter's ERROR and MISSING nodes), one per error. */
export function hclSyntaxProblems(node: HclNode, out: SyntaxProblem[] = []): SyntaxProblem[] {
  if (node.isMissing) {
    const what = CLOSERS[node.type] ?? node.type;
    out.push({ span: { offset: node.startIndex, length: 0 }, message: `Terraform: "${what}" is missing here` });
  } else if (node.isError) {
    const snippet = node.text.trim().split('\n')[0].slice(0, 30);
    out.push({ span: spanOf(node), message: snippet ? `Terraform: unexpected "${snippet}"` : 'Terraform: syntax error' });
  } else if (node.hasError) {
    for (const c of childrenOf(node)) hclSyntaxProblems(c, out);
  }
  return out;
}
