import { createScanner, ScanError, SyntaxKind } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getPropertyIgnoreCase, Node, PropertyNode, Span, spanEnd } from '../model/ast';
import { isConfigFile, mayHoldPolicies, uriToFilePath } from '../languageService';

/**
 * Where the cursor is in a trust policy: for completion, in raw JSON text that may be half typed
 * (the tree is incomplete there, so the text is scanned token by token); for hover, in the
 * neutral tree of any format. Both end in the same PolicyPosition, so completion and hover agree
 * on what "a principal value" or "a condition key" is.
 */

export type Segment = string | number;

export interface FeatureInput {
  text: string;
  filePath?: string;
  /** The editor's language id; the engine falls back to the file name and content when it does not know it. */
  languageId: string;
}

/** What completion and hover read of a document; undefined for documents that cannot hold a policy (and `.iam-trust.json`). */
export function featureInput(document: TextDocument): FeatureInput | undefined {
  const filePath = uriToFilePath(document.uri);
  if (isConfigFile(filePath) || !mayHoldPolicies(document.languageId, filePath)) return undefined;
  return { text: document.getText(), filePath, languageId: document.languageId.toLowerCase() };
}

// ---------------------------------------------------------------------------------------------
// The cursor in JSON text

export interface JsonCursor {
  /** Typing a property name, or a value (also a list item or the whole document). */
  kind: 'key' | 'value';
  /** For a key: the path of the object it goes into. For a value: the path of the value itself. */
  path: Segment[];
  /** The text a completion replaces: the token under the cursor, or an empty span at the cursor. */
  replace: Span;
  /** What the user has typed of the token, without its opening quote. */
  typed: string;
  /** The token under the cursor is a quoted string. */
  quoted: boolean;
  /** A key under the cursor already has its colon: complete the name only. */
  followedByColon: boolean;
  /** Another property or item follows the cursor with no comma in between. */
  needsComma: boolean;
}

type Frame =
  | { kind: 'object'; state: 'key' | 'colon' | 'value' | 'after'; key?: string }
  | { kind: 'array'; state: 'value' | 'after'; index: number };

const VALUE_STARTS = [SyntaxKind.OpenBraceToken, SyntaxKind.OpenBracketToken, SyntaxKind.StringLiteral, SyntaxKind.NumericLiteral, SyntaxKind.TrueKeyword, SyntaxKind.FalseKeyword, SyntaxKind.NullKeyword, SyntaxKind.Unknown];
const TRIVIA = [SyntaxKind.Trivia, SyntaxKind.LineBreakTrivia, SyntaxKind.LineCommentTrivia, SyntaxKind.BlockCommentTrivia];

/**
 * The completion context at `offset` in JSON text, or undefined where nothing can be typed (inside
 * a comment, between a key and its colon, after a value that lacks its comma).
 */
export function locateJsonCursor(text: string, offset: number): JsonCursor | undefined {
  const scanner = createScanner(text, false);
  const frames: Frame[] = [];
  let rootState: 'value' | 'after' = 'value';
  let token: { span: Span; quoted: boolean; terminated: boolean } | undefined;

  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    if (start >= offset) break;
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
      const closed = kind === SyntaxKind.BlockCommentTrivia && scanner.getTokenError() !== ScanError.UnexpectedEndOfComment;
      if (offset < end || (offset === end && !closed)) return undefined;
      continue;
    }
    if (TRIVIA.includes(kind)) continue;
    if (end >= offset) {
      if (kind === SyntaxKind.StringLiteral) {
        const terminated = scanner.getTokenError() !== ScanError.UnexpectedEndOfString;
        if (offset < end || !terminated) {
          token = { span: { offset: start, length: end - start }, quoted: true, terminated };
          break;
        }
      } else if (VALUE_STARTS.includes(kind) && kind !== SyntaxKind.OpenBraceToken && kind !== SyntaxKind.OpenBracketToken) {
        token = { span: { offset: start, length: end - start }, quoted: false, terminated: true };
        break;
      }
    }
    advance(frames, kind, scanner.getTokenValue(), () => (rootState = 'after'));
  }

  const top = frames[frames.length - 1];
  const containerPath = frames.slice(0, -1).map(segmentOf);
  let kind: 'key' | 'value';
  let path: Segment[];
  if (!top) {
    if (rootState !== 'value') return undefined;
    kind = 'value';
    path = [];
  } else if (top.kind === 'object' && top.state === 'key') {
    kind = 'key';
    path = containerPath;
  } else if (top.state === 'value') {
    kind = 'value';
    path = [...containerPath, segmentOf(top)];
  } else {
    return undefined;
  }

  // An unterminated string runs to the end of the line: replace only what was typed.
  const replace = token ? { offset: token.span.offset, length: token.terminated ? token.span.length : offset - token.span.offset } : { offset, length: 0 };
  const typed = token ? text.slice(token.span.offset + (token.quoted ? 1 : 0), offset) : '';
  const next = nextSignificant(text, token ? spanEnd(replace) : offset);
  return {
    kind,
    path,
    replace,
    typed,
    quoted: !!token?.quoted,
    followedByColon: next === SyntaxKind.ColonToken,
    needsComma: next !== undefined && VALUE_STARTS.includes(next),
  };
}

function segmentOf(frame: Frame): Segment {
  return frame.kind === 'object' ? (frame.key ?? '') : frame.index;
}

/** Moves the frame stack past one token. */
function advance(frames: Frame[], kind: SyntaxKind, value: string, rootConsumed: () => void): void {
  const top = frames[frames.length - 1];
  const consumeValue = () => {
    if (!top) rootConsumed();
    else if (top.state === 'value') top.state = 'after';
  };
  switch (kind) {
    case SyntaxKind.OpenBraceToken:
      consumeValue();
      frames.push({ kind: 'object', state: 'key' });
      return;
    case SyntaxKind.OpenBracketToken:
      consumeValue();
      frames.push({ kind: 'array', state: 'value', index: 0 });
      return;
    case SyntaxKind.CloseBraceToken:
    case SyntaxKind.CloseBracketToken:
      frames.pop();
      return;
    case SyntaxKind.CommaToken:
      pastComma(top);
      return;
    case SyntaxKind.ColonToken:
      if (top?.kind === 'object' && top.state === 'colon') top.state = 'value';
      return;
    case SyntaxKind.StringLiteral:
      if (top?.kind === 'object' && top.state === 'key') {
        top.key = value;
        top.state = 'colon';
        return;
      }
      consumeValue();
      return;
    default:
      consumeValue();
  }
}

/** A bracket being read (JSON here, HCL in hclCursor.ts): after a comma, the next key or item. */
export type CommaFrame = { kind: 'object'; state: string; key?: string } | { kind: 'array'; state: string; index: number } | { kind: 'call'; state: string };

export function pastComma(frame: CommaFrame | undefined): void {
  if (frame?.kind === 'object') {
    frame.state = 'key';
    frame.key = undefined;
  } else if (frame?.kind === 'array') {
    frame.index++;
    frame.state = 'value';
  } else if (frame) frame.state = 'value';
}

function nextSignificant(text: string, from: number): SyntaxKind | undefined {
  const scanner = createScanner(text, true);
  scanner.setPosition(from);
  const kind = scanner.scan();
  return kind === SyntaxKind.EOF ? undefined : kind;
}

// ---------------------------------------------------------------------------------------------
// Where a path is in a trust policy

/** The element names of a trust policy, in their canonical spelling. */
export const POLICY_ELEMENTS = ['Version', 'Id', 'Statement'];
export const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

/** IAM reads element names case-insensitively: `effect` is `Effect`. */
export function canonicalElement(name: Segment | undefined, among: readonly string[]): string | undefined {
  if (typeof name !== 'string') return undefined;
  const lower = name.toLowerCase();
  return among.find((e) => e.toLowerCase() === lower);
}

export type PolicyPosition =
  /** The whole document (an empty file). */
  | { role: 'document' }
  /** A key of the policy object. */
  | { role: 'policy-key' }
  /** The value of `Version`, `Id` or `Statement` (not a statement in it). */
  | { role: 'policy-value'; element: string }
  /** A statement: an item of `Statement` (or its single object). */
  | { role: 'statement'; statementPath: Segment[] }
  | { role: 'statement-key'; statementPath: Segment[] }
  /** The value of a statement element (`Effect`, `Action` or one of its items...), `Principal` and `Condition` as a whole. */
  | { role: 'statement-value'; statementPath: Segment[]; element: string }
  | { role: 'principal-key'; statementPath: Segment[] }
  /** A value under `Principal.<type>` (or one item of its list). */
  | { role: 'principal-value'; statementPath: Segment[]; principalType: string }
  | { role: 'condition-operator'; statementPath: Segment[] }
  | { role: 'condition-key'; statementPath: Segment[]; operator: string }
  /** A value under `Condition.<operator>.<key>` (or one item of its list). */
  | { role: 'condition-value'; statementPath: Segment[]; operator: string; key: string };

/**
 * What a path (relative to the policy root) is. For a key, pass the path of the object the key
 * belongs to. Undefined for places a trust policy has no use for.
 */
export function classifyPosition(path: Segment[], isKey: boolean): PolicyPosition | undefined {
  if (path.length === 0) return isKey ? { role: 'policy-key' } : { role: 'document' };
  const element = canonicalElement(path[0], POLICY_ELEMENTS);
  if (element !== 'Statement') return !isKey && path.length === 1 && element ? { role: 'policy-value', element } : undefined;
  if (path.length === 1 && !isKey) return { role: 'policy-value', element };
  const listed = typeof path[1] === 'number';
  const statementPath = path.slice(0, listed ? 2 : 1);
  const rest = path.slice(statementPath.length);
  if (rest.length === 0) return isKey ? { role: 'statement-key', statementPath } : { role: 'statement', statementPath };
  const statementElement = canonicalElement(rest[0], STATEMENT_ELEMENTS) ?? String(rest[0]);
  if (statementElement === 'Principal' || statementElement === 'NotPrincipal') {
    if (rest.length === 1) return isKey ? { role: 'principal-key', statementPath } : { role: 'statement-value', statementPath, element: statementElement };
    if (isKey || typeof rest[1] !== 'string' || rest.length > 3) return undefined;
    return { role: 'principal-value', statementPath, principalType: rest[1] };
  }
  if (statementElement === 'Condition') {
    if (rest.length === 1) return isKey ? { role: 'condition-operator', statementPath } : { role: 'statement-value', statementPath, element: statementElement };
    if (rest.length === 2) return isKey && typeof rest[1] === 'string' ? { role: 'condition-key', statementPath, operator: rest[1] } : undefined;
    if (isKey || rest.length > 4 || typeof rest[2] !== 'string') return undefined;
    return { role: 'condition-value', statementPath, operator: String(rest[1]), key: rest[2] };
  }
  if (isKey || rest.length > 2) return undefined;
  return { role: 'statement-value', statementPath, element: statementElement };
}

/**
 * CloudFormation nests the policy under `AssumeRolePolicyDocument`: the path inside it, or the
 * whole path when the document is the policy. Undefined for a template path outside any policy.
 */
export function pathInPolicy(path: Segment[]): Segment[] {
  const at = path.lastIndexOf('AssumeRolePolicyDocument');
  return at < 0 ? path : path.slice(at + 1);
}

export function isInsideEmbeddedPolicy(path: Segment[]): boolean {
  return path.includes('AssumeRolePolicyDocument');
}

/** The node at a path, keys compared ignoring case as IAM does. */
export function nodeAtPath(root: Node | undefined, path: Segment[]): Node | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') node = node.kind === 'array' ? node.items[segment] : undefined;
    else node = getPropertyIgnoreCase(node, segment)?.value;
  }
  return node;
}

// ---------------------------------------------------------------------------------------------
// The element under the cursor in the neutral tree

export interface TreeTarget {
  /** For a key: the path of its object. For a value: the path of the value. */
  path: Segment[];
  /** Set when the cursor is on a property name. */
  property?: PropertyNode;
  /** The value under the cursor (for a key: undefined). */
  node?: Node;
  span: Span;
}

function contains(span: Span, offset: number): boolean {
  return offset >= span.offset && offset < spanEnd(span);
}

/** The innermost key or value at `offset` under `root`; undefined when the offset is outside it. */
export function locateInTree(root: Node, offset: number): TreeTarget | undefined {
  if (!contains(root.span, offset)) return undefined;
  const path: Segment[] = [];
  let node: Node = root;
  for (;;) {
    if (node.kind === 'object') {
      const property = node.properties.find((p) => contains(p.keySpan, offset) || (p.value && contains(p.value.span, offset)));
      if (!property) return { path, node, span: node.span };
      if (contains(property.keySpan, offset)) return { path, property, span: property.keySpan };
      path.push(property.key);
      node = property.value!;
    } else if (node.kind === 'array') {
      const index = node.items.findIndex((item) => contains(item.span, offset));
      if (index < 0) return { path, node, span: node.span };
      path.push(index);
      node = node.items[index];
    } else {
      return { path, node, span: node.span };
    }
  }
}
