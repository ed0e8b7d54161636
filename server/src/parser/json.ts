import * as jsonc from 'jsonc-parser';
import { Node, PropertyNode, Span } from '../model/ast';

export interface SyntaxProblem {
  span: Span;
  message: string;
}

export interface ParsedJson {
  root: Node | undefined;
  problems: SyntaxProblem[];
}

/**
 * Deeper than any policy or template needs; past it, values become unknown rather than risk the
 * stack on adversarial input such as ten megabytes of `[`.
 */
const MAX_DEPTH = 64;

function describe(code: jsonc.ParseErrorCode): string {
  switch (code) {
    case jsonc.ParseErrorCode.InvalidSymbol:
      return 'Unexpected character';
    case jsonc.ParseErrorCode.InvalidNumberFormat:
      return 'Invalid number';
    case jsonc.ParseErrorCode.PropertyNameExpected:
      return 'A property name in double quotes is expected';
    case jsonc.ParseErrorCode.ValueExpected:
      return 'A value is expected';
    case jsonc.ParseErrorCode.ColonExpected:
      return 'A colon is expected';
    case jsonc.ParseErrorCode.CommaExpected:
      return 'A comma is expected';
    case jsonc.ParseErrorCode.CloseBraceExpected:
      return 'A closing brace } is expected';
    case jsonc.ParseErrorCode.CloseBracketExpected:
      return 'A closing bracket ] is expected';
    case jsonc.ParseErrorCode.EndOfFileExpected:
      return 'Nothing may follow the end of the document';
    case jsonc.ParseErrorCode.InvalidCommentToken:
      return 'Invalid comment';
    case jsonc.ParseErrorCode.UnexpectedEndOfComment:
      return 'Unterminated comment';
    case jsonc.ParseErrorCode.UnexpectedEndOfString:
      return 'Unterminated string';
    case jsonc.ParseErrorCode.UnexpectedEndOfNumber:
      return 'Unterminated number';
    case jsonc.ParseErrorCode.InvalidUnicode:
      return 'Invalid unicode escape';
    case jsonc.ParseErrorCode.InvalidEscapeCharacter:
      return 'Invalid escape character';
    case jsonc.ParseErrorCode.InvalidCharacter:
      return 'Invalid character in a string';
    default:
      return 'Syntax error';
  }
}

/**
 * Where the builder is while jsonc-parser walks the text: a container whose closing is still to
 * come. A property is open from its key until its value ends (or a comma or the object's end
 * shows it has none), as jsonc-parser's own parseTree keeps it, so spans come out the same.
 */
interface Frame {
  kind: 'root' | 'object' | 'array' | 'property';
  /** The node being built (for a property, its value goes to `property`). */
  node?: Node;
  property?: PropertyNode;
  /** Nesting depth of the values this frame holds. */
  depth: number;
  parent?: Frame;
}

/**
 * Parses JSON (comments tolerated: JSONC files and `// iam-trust-ignore` lines) into the neutral
 * tree. `base` shifts every span, for JSON embedded in another file (a Terraform heredoc).
 *
 * The tree is built straight from jsonc-parser's visitor rather than by converting the tree its
 * parseTree returns: one tree instead of two, which halves what a large document allocates.
 */
export function parseJson(text: string, base = 0): ParsedJson {
  const errors: jsonc.ParseError[] = [];
  const root: Frame = { kind: 'root', depth: 0 };
  let top: Frame = root;

  /** Adds a value to the open container; past MAX_DEPTH it stands in as unknown, its contents dropped. */
  const addValue = (node: Node): Node => {
    const value: Node = top.depth > MAX_DEPTH ? { kind: 'unknown', span: node.span, text: '…' } : node;
    switch (top.kind) {
      case 'root':
        top.node ??= value;
        break;
      case 'array':
        if (top.node?.kind === 'array') top.node.items.push(value);
        break;
      case 'property':
        if (top.property && top.property.value === undefined) top.property.value = value;
        break;
    }
    return value;
  };
  const open = (kind: 'object' | 'array', node: Node, depth: number) => {
    top = { kind, node: addValue(node), depth: depth + 1, parent: top };
  };
  /** A property without (or after) its value ends where its object's next token starts. */
  const completeProperty = (end: number) => {
    if (top.kind !== 'property') return;
    if (top.property) top.property.span.length = base + end - top.property.span.offset;
    top = top.parent!;
  };
  const close = (offset: number, length: number) => {
    if (top.node) top.node.span.length = base + offset + length - top.node.span.offset;
    top = top.parent!;
  };

  const visitor: jsonc.JSONVisitor = {
    onObjectBegin: (offset) => open('object', { kind: 'object', span: { offset: base + offset, length: -1 }, properties: [] }, top.depth),
    onObjectProperty: (name, offset, length) => {
      const object = top.node?.kind === 'object' ? top.node : undefined;
      const property: PropertyNode | undefined = object
        ? { key: String(name), keySpan: { offset: base + offset, length }, value: undefined, span: { offset: base + offset, length: -1 } }
        : undefined;
      if (property) object!.properties.push(property);
      top = { kind: 'property', property, depth: top.depth, parent: top };
    },
    onObjectEnd: (offset, length) => {
      completeProperty(offset + length);
      close(offset, length);
      completeProperty(offset + length);
    },
    onArrayBegin: (offset) => open('array', { kind: 'array', span: { offset: base + offset, length: -1 }, items: [] }, top.depth),
    onArrayEnd: (offset, length) => {
      close(offset, length);
      completeProperty(offset + length);
    },
    onLiteralValue: (value, offset, length) => {
      addValue(literal(value, { offset: base + offset, length }));
      completeProperty(offset + length);
    },
    onSeparator: (separator, offset) => {
      if (separator === ',') completeProperty(offset);
    },
    onError: (error, offset, length) => {
      errors.push({ error, offset, length });
    },
  };
  try {
    jsonc.visit(text, visitor, { allowTrailingComma: false, disallowComments: false });
  } catch (e) {
    // jsonc-parser recurses; absurd nesting overflows the stack. Report it instead of crashing.
    return {
      root: undefined,
      problems: [{ span: { offset: base, length: Math.min(text.length, 1) }, message: 'The document is nested too deeply to analyse' }],
    };
  }
  // jsonc-parser reports several errors at one spot for one mistake (a trailing comma is both
  // "property name expected" and "value expected"); the first says it best.
  const problems: SyntaxProblem[] = [];
  for (const e of errors) {
    if (problems.length && problems[problems.length - 1].span.offset === base + e.offset) continue;
    problems.push({ span: { offset: base + e.offset, length: Math.max(e.length, 1) }, message: describe(e.error) });
  }
  return { root: root.node, problems };
}

function literal(value: unknown, span: Span): Node {
  switch (typeof value) {
    case 'string':
      return { kind: 'string', span, value };
    case 'number':
      return { kind: 'number', span, value };
    case 'boolean':
      return { kind: 'boolean', span, value };
    default:
      return value === null ? { kind: 'null', span } : { kind: 'unknown', span, text: '' };
  }
}
