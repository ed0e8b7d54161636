import { isAlias, isMap, isScalar, isSeq, parseDocument, Scalar, Tags } from 'yaml';
import type { Node as YamlNode, ParsedNode } from 'yaml';
import { Node, PropertyNode, Span } from '../model/ast';
import { ParsedJson, SyntaxProblem } from './json';

/**
 * YAML (CloudFormation and SAM templates) → the neutral tree, through the `yaml` package, whose
 * parseDocument keeps the source range of every node (../shared/parsers.md).
 *
 * CloudFormation's short-form intrinsic functions are YAML tags (`!Ref Name`, `!Sub "..."`,
 * `!If [c, a, b]`). They are registered as custom tags so they parse as ordinary values instead of
 * "unresolved tag" problems, and every tagged node becomes an `unknown` node: its value exists only
 * once the stack is deployed.
 */

/** The short forms of the CloudFormation intrinsic functions and condition functions. */
export const CLOUDFORMATION_TAGS = [
  '!Ref',
  '!Sub',
  '!GetAtt',
  '!If',
  '!Join',
  '!Select',
  '!Split',
  '!FindInMap',
  '!ImportValue',
  '!Base64',
  '!Cidr',
  '!GetAZs',
  '!Equals',
  '!And',
  '!Or',
  '!Not',
  '!Condition',
  '!Transform',
  '!ToJsonString',
  '!Length',
];

/** Each short form may tag a scalar (`!Ref X`), a sequence (`!If [..]`) or a mapping (`!Transform {..}`). */
const CUSTOM_TAGS: Tags = CLOUDFORMATION_TAGS.flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag, collection: 'map' as const, resolve: (value: unknown) => value },
]);

/** As in the JSON parser: deep enough for any template, shallow enough for the stack. */
const MAX_DEPTH = 64;

/**
 * Tags the YAML core schema resolves itself (`!!str`, `!!int`...); any other tag is a
 * CloudFormation function or a tool's own extension, and either way not a literal.
 */
function isForeignTag(tag: string | undefined): boolean {
  return !!tag && !tag.startsWith('tag:yaml.org,2002:');
}

export function parseYaml(text: string): ParsedJson {
  let doc;
  try {
    doc = parseDocument(text, {
      customTags: CUSTOM_TAGS,
      prettyErrors: false,
      // Two equal keys are a finding of duplicate-key, on both keys; the tree must keep both.
      uniqueKeys: false,
      keepSourceTokens: false,
    });
  } catch (e) {
    return { root: undefined, problems: [{ span: { offset: 0, length: Math.min(1, text.length) }, message: `This YAML cannot be read: ${(e as Error).message}` }] };
  }
  const problems: SyntaxProblem[] = doc.errors.map((e) => {
    const offset = Math.min(e.pos[0], text.length);
    const end = Math.min(Math.max(e.pos[1], offset), text.length);
    return { span: { offset, length: Math.max(end - offset, offset < text.length ? 1 : 0) }, message: yamlMessage(e.message) };
  });
  const contents = doc.contents as ParsedNode | null;
  return { root: contents ? convert(contents, text, 0) : undefined, problems };
}

/** yaml's messages start lower-case and some end with a period; the rule adds its own ending. */
function yamlMessage(message: string): string {
  const m = message.replace(/\.$/, '');
  return `YAML: ${m.charAt(0).toLowerCase()}${m.slice(1)}`;
}

function rangeSpan(node: YamlNode): Span {
  const [start, valueEnd] = node.range ?? [0, 0];
  return { offset: start, length: valueEnd - start };
}

/**
 * The span of a tagged node including its tag: yaml ranges start at the value, after the tag
 * (and after a line break for a block collection), but `!Ref Name` reads as one value.
 */
function withTag(span: Span, tag: string, text: string): Span {
  let i = span.offset;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  const start = i - tag.length;
  const from = start >= 0 && text.slice(start, i) === tag ? start : span.offset;
  let end = span.offset + span.length;
  while (end > from && /\s/.test(text[end - 1])) end--;
  return { offset: from, length: end - from };
}

/**
 * A block collection's yaml range runs on over the line break and comments after its last
 * entry; a diagnostic on the collection should end where its last entry does.
 */
function blockSpan(span: Span, children: { span: Span }[]): Span {
  const last = children[children.length - 1];
  if (!last) return span;
  return { offset: span.offset, length: last.span.offset + last.span.length - span.offset };
}

function convert(node: YamlNode, text: string, depth: number): Node {
  let span = rangeSpan(node);
  if (isAlias(node) || depth > MAX_DEPTH) return { kind: 'unknown', span, text: text.substr(span.offset, span.length) };
  if (isForeignTag(node.tag)) {
    span = withTag(span, node.tag as string, text);
    return { kind: 'unknown', span, text: text.substr(span.offset, span.length) };
  }
  if (isMap(node)) {
    const properties: PropertyNode[] = [];
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      if (!key || !isScalar(key) || key.value === null || typeof key.value === 'object') continue;
      const keySpan = rangeSpan(key);
      const value = pair.value ? convertValue(pair.value as YamlNode, text, depth + 1) : undefined;
      const end = value ? value.span.offset + value.span.length : keySpan.offset + keySpan.length;
      properties.push({ key: String(key.value), keySpan, value, span: { offset: keySpan.offset, length: end - keySpan.offset } });
    }
    return { kind: 'object', span: node.flow ? span : blockSpan(span, properties), properties };
  }
  if (isSeq(node)) {
    const items: Node[] = [];
    for (const item of node.items) {
      const converted = convertValue(item as YamlNode, text, depth + 1);
      if (converted) items.push(converted);
    }
    return { kind: 'array', span: node.flow ? span : blockSpan(span, items), items };
  }
  if (isScalar(node)) return scalar(node, span, text);
  return { kind: 'unknown', span, text: text.substr(span.offset, span.length) };
}

/** A value position: an empty plain scalar (`Effect:` with nothing after it) is a value still being typed. */
function convertValue(node: YamlNode, text: string, depth: number): Node | undefined {
  if (isScalar(node) && node.value === null && !node.tag && rangeSpan(node).length === 0) return undefined;
  return convert(node, text, depth);
}

function scalar(node: Scalar, span: Span, text: string): Node {
  const v = node.value;
  switch (typeof v) {
    case 'string':
      return { kind: 'string', span, value: v };
    case 'number':
      return Number.isFinite(v) ? { kind: 'number', span, value: v } : { kind: 'unknown', span, text: text.substr(span.offset, span.length) };
    case 'bigint':
      return { kind: 'number', span, value: Number(v) };
    case 'boolean':
      return { kind: 'boolean', span, value: v };
    default:
      return v === null ? { kind: 'null', span } : { kind: 'unknown', span, text: text.substr(span.offset, span.length) };
  }
}
