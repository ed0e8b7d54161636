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
 * Parses JSON (comments tolerated: JSONC files and `// iam-trust-ignore` lines) into the neutral
 * tree. `base` shifts every span, for JSON embedded in another file (a Terraform heredoc).
 */
export function parseJson(text: string, base = 0): ParsedJson {
  const errors: jsonc.ParseError[] = [];
  let tree: jsonc.Node | undefined;
  try {
    tree = jsonc.parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
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
  return { root: tree ? convert(tree, base, 0) : undefined, problems };
}

function convert(node: jsonc.Node, base: number, depth: number): Node {
  const span = { offset: base + node.offset, length: node.length };
  if (depth > MAX_DEPTH) return { kind: 'unknown', span, text: '…' };
  switch (node.type) {
    case 'object': {
      const properties: PropertyNode[] = [];
      for (const child of node.children ?? []) {
        const [keyNode, valueNode] = child.children ?? [];
        if (!keyNode) continue;
        properties.push({
          key: String(keyNode.value),
          keySpan: { offset: base + keyNode.offset, length: keyNode.length },
          value: valueNode ? convert(valueNode, base, depth + 1) : undefined,
          span: { offset: base + child.offset, length: child.length },
        });
      }
      return { kind: 'object', span, properties };
    }
    case 'array':
      return { kind: 'array', span, items: (node.children ?? []).map((c) => convert(c, base, depth + 1)) };
    case 'string':
      return { kind: 'string', span, value: node.value };
    case 'number':
      return { kind: 'number', span, value: node.value };
    case 'boolean':
      return { kind: 'boolean', span, value: node.value };
    case 'null':
      return { kind: 'null', span };
    default:
      return { kind: 'unknown', span, text: '' };
  }
}
