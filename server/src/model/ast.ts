/**
 * The format-neutral syntax tree every input format (JSON, YAML, HCL) is turned into.
 *
 * Rules never look at jsonc-parser, yaml or tree-sitter nodes: each format adapter maps its own
 * tree onto these nodes, keeping the source span of every key and value in the *original* file,
 * so a diagnostic lands on the right token whatever the file was written in.
 */

/** A half-open range of the original text, in UTF-16 offsets (what editors and JS strings use). */
export interface Span {
  offset: number;
  length: number;
}

export type Node = ObjectNode | ArrayNode | StringNode | NumberNode | BooleanNode | NullNode | UnknownNode;

export interface ObjectNode {
  kind: 'object';
  span: Span;
  properties: PropertyNode[];
}

export interface PropertyNode {
  key: string;
  keySpan: Span;
  /** Missing while the user is still typing (`"Effect": `). */
  value?: Node;
  span: Span;
}

export interface ArrayNode {
  kind: 'array';
  span: Span;
  items: Node[];
}

export interface StringNode {
  kind: 'string';
  span: Span;
  value: string;
}

export interface NumberNode {
  kind: 'number';
  span: Span;
  value: number;
}

export interface BooleanNode {
  kind: 'boolean';
  span: Span;
  value: boolean;
}

export interface NullNode {
  kind: 'null';
  span: Span;
}

/**
 * A value that cannot be known without deploying: CloudFormation `!Ref`/`Fn::*`, Terraform
 * `var.x`/`local.x`, `${...}` in a template. No rule may report a problem that depends on it.
 */
export interface UnknownNode {
  kind: 'unknown';
  span: Span;
  /** The source text, for hover and messages. */
  text: string;
}

export function spanEnd(span: Span): number {
  return span.offset + span.length;
}

export function spanBetween(start: Span, end: Span): Span {
  return { offset: start.offset, length: spanEnd(end) - start.offset };
}

/** Property lookup by exact key. */
export function getProperty(node: Node | undefined, key: string): PropertyNode | undefined {
  if (!node || node.kind !== 'object') return undefined;
  return node.properties.find((p) => p.key === key);
}

/** Property lookup ignoring case: IAM reads element names case-insensitively. */
export function getPropertyIgnoreCase(node: Node | undefined, key: string): PropertyNode | undefined {
  if (!node || node.kind !== 'object') return undefined;
  const lower = key.toLowerCase();
  return node.properties.find((p) => p.key.toLowerCase() === lower);
}

/** A string value, or undefined when the node is anything else (including unknown). */
export function stringValue(node: Node | undefined): string | undefined {
  return node && node.kind === 'string' ? node.value : undefined;
}

/** `"x"` and `["x", "y"]` both mean a list in IAM; returns the items of either form. */
export function asList(node: Node | undefined): Node[] {
  if (!node) return [];
  return node.kind === 'array' ? node.items : [node];
}

export function isUnknown(node: Node | undefined): boolean {
  return !!node && node.kind === 'unknown';
}

/** Human name of a node's JSON type, for type-mismatch messages. */
export function typeName(node: Node): string {
  switch (node.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'null';
    case 'unknown':
      return 'a value known only at deploy time';
  }
}
