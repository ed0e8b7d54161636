import { Node } from '../model/ast';
import { parseJson } from '../parser/json';
import { mapSnippetLiterals, snippetPreview } from './snippetText';

/**
 * A value completion inserts (an element's value after its key, a principal object, a whole
 * statement), kept as structure until the cursor's format is known, then spelled as JSON, YAML or
 * Terraform. Strings and keys are LSP snippet text (tab stops and all), without quotes.
 */
export type SnippetValue =
  | { kind: 'scalar'; snippet: string }
  | { kind: 'map'; entries: SnippetEntry[] }
  | { kind: 'list'; items: SnippetValue[] }
  /** An empty object the cursor is left in: a new statement. */
  | { kind: 'open-map' };

export interface SnippetEntry {
  key: string;
  value: SnippetValue;
}

export const scalar = (snippet: string): SnippetValue => ({ kind: 'scalar', snippet });
export const map = (...entries: [string, SnippetValue][]): SnippetValue => ({ kind: 'map', entries: entries.map(([key, value]) => ({ key, value })) });
export const list = (...items: SnippetValue[]): SnippetValue => ({ kind: 'list', items });
export const OPEN_MAP: SnippetValue = { kind: 'open-map' };

function fromNode(node: Node): SnippetValue {
  switch (node.kind) {
    case 'object':
      return { kind: 'map', entries: node.properties.map((p) => ({ key: p.key, value: p.value ? fromNode(p.value) : scalar('') })) };
    case 'array':
      return { kind: 'list', items: node.items.map(fromNode) };
    case 'string':
      return scalar(node.value);
    case 'number':
    case 'boolean':
      return scalar(String(node.value));
    default:
      return scalar('');
  }
}

const bodyCache = new Map<string, SnippetValue | undefined>();

/**
 * A snippet body written as JSON (snippets/trust-policies.json), as structure: its strings hold
 * the tab stops, and the final `$0` after the closing brace is dropped (the editor ends there).
 */
export function snippetValueFromJson(body: string): SnippetValue | undefined {
  if (!bodyCache.has(body)) {
    const parsed = parseJson(body.replace(/\$0/g, ''));
    bodyCache.set(body, parsed.root && parsed.problems.length === 0 ? fromNode(parsed.root) : undefined);
  }
  return bodyCache.get(body);
}

// ---------------------------------------------------------------------------------------------
// JSON

const escapeJson = (literal: string) => literal.replace(/[\\"]/g, '\\$&');

/**
 * JSON text of a value: objects on one line, lists one item a line indented with tabs (the
 * editor re-indents them), or everything on one line for JSON written inside a Terraform string.
 */
export function renderJson(value: SnippetValue, level = 0, inline = false): string {
  const indent = (n: number) => '\t'.repeat(n);
  switch (value.kind) {
    case 'scalar':
      return `"${mapSnippetLiterals(value.snippet, escapeJson)}"`;
    case 'map':
      return `{ ${value.entries.map((e) => `"${mapSnippetLiterals(e.key, escapeJson)}": ${renderJson(e.value, level, inline)}`).join(', ')} }`;
    case 'open-map':
      return inline ? '{$0}' : `{\n${indent(level + 1)}$0\n${indent(level)}}`;
    case 'list':
      if (inline) return `[${value.items.map((i) => renderJson(i, level, true)).join(', ')}]`;
      return `[\n${indent(level + 1)}${value.items.map((i) => renderJson(i, level + 1)).join(`,\n${indent(level + 1)}`)}\n${indent(level)}]`;
  }
}

// ---------------------------------------------------------------------------------------------
// YAML

/**
 * Plain scalars YAML would read as something other than the same string (numbers, booleans,
 * null, dates: `2012-10-17`, an account id with a leading zero) or that its syntax would take
 * apart (`: `, ` #`, a leading indicator such as `*` or `!`).
 */
function needsYamlQuotes(text: string): boolean {
  if (text === '') return false;
  if (/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) || /\s$/.test(text) || /:(\s|$)/.test(text) || /\s#/.test(text)) return true;
  if (/^(true|false|yes|no|on|off|y|n|null|~)$/i.test(text)) return true;
  if (/^[-+]?(\.?\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|0x[\da-f_]+|0o?[0-7_]+|\.inf|\.nan)$/i.test(text)) return true;
  return /^\d{4}-\d\d?-\d\d?/.test(text) || /^[-+]?\d+(:[0-5]?\d)+(\.\d*)?$/.test(text);
}

/** A YAML scalar: plain when it reads back as the same string, else quoted (`quote` when the user opened one). */
export function yamlScalar(snippet: string, quote?: '"' | "'"): string {
  const preview = snippetPreview(snippet);
  const style = quote ?? (needsYamlQuotes(preview) ? (/["\\]/.test(preview) ? "'" : '"') : undefined);
  if (!style) return snippet;
  if (style === "'") return `'${mapSnippetLiterals(snippet, (l) => l.replace(/'/g, "''"))}'`;
  return `"${mapSnippetLiterals(snippet, escapeJson)}"`;
}

const spaces = (n: number) => ' '.repeat(n);

/**
 * What follows `Key:` for a key written at column `column`: ` value` for a scalar, else the
 * block of lines under it, indented two more columns. Indentation is written out in spaces
 * (YAML has no tabs), so items are inserted as they are.
 */
export function renderYamlAfterKey(value: SnippetValue, column: number): string {
  switch (value.kind) {
    case 'scalar':
      return ` ${yamlScalar(value.snippet)}`;
    case 'open-map':
      return ` $0`;
    case 'map':
      return value.entries.map((e) => `\n${spaces(column + 2)}${yamlScalar(e.key)}:${renderYamlAfterKey(e.value, column + 2)}`).join('');
    case 'list':
      return value.items.map((i) => `\n${spaces(column + 2)}- ${renderYamlItem(i, column + 4)}`).join('');
  }
}

/** A value written where its first line starts at column `column` (after `- `, or at the cursor). */
export function renderYamlItem(value: SnippetValue, column: number): string {
  switch (value.kind) {
    case 'scalar':
      return yamlScalar(value.snippet);
    case 'open-map':
      return '$0';
    case 'map':
      return value.entries.map((e, i) => `${i ? `\n${spaces(column)}` : ''}${yamlScalar(e.key)}:${renderYamlAfterKey(e.value, column)}`).join('');
    case 'list':
      return value.items.map((item, i) => `${i ? `\n${spaces(column)}` : ''}- ${renderYamlItem(item, column + 2)}`).join('');
  }
}

/** A value inside a YAML flow collection (`[a, b]`, `{Service: x}`): all on one line. */
export function renderYamlFlow(value: SnippetValue): string {
  switch (value.kind) {
    case 'scalar':
      return yamlScalar(value.snippet);
    case 'open-map':
      return '{$0}';
    case 'map':
      return `{${value.entries.map((e) => `${yamlScalar(e.key)}: ${renderYamlFlow(e.value)}`).join(', ')}}`;
    case 'list':
      return `[${value.items.map(renderYamlFlow).join(', ')}]`;
  }
}

// ---------------------------------------------------------------------------------------------
// Terraform (HCL object syntax, as in jsonencode({...}))

/** Literal text inside a Terraform quoted string: `"` and `\` escaped, `${` and `%{` kept literal. */
export function escapeHclString(literal: string): string {
  return literal.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/([$%])\{/g, '$1$1{');
}

export function hclString(snippet: string): string {
  return `"${mapSnippetLiterals(snippet, escapeHclString)}"`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * An object key: bare when every text it can become is an identifier (`Effect`, a choice of
 * `AWS`/`Service`), quoted otherwise (`"aws:SourceArn"`, a free placeholder).
 */
export function hclKey(snippet: string): string {
  const choices = [...snippet.matchAll(/\$\{\d+\|((?:\\.|[^|\\])*)\|\}/g)].flatMap((m) => m[1].split(/(?<!\\),/));
  const free = /\$\d|\$\{\d+[:}]/.test(snippet);
  const bare = !free && IDENTIFIER.test(snippetPreview(snippet)) && choices.every((c) => IDENTIFIER.test(c));
  return bare ? snippet : hclString(snippet);
}

/**
 * An HCL value whose first line starts after `Key = ` on a line indented `column` spaces. Keys
 * follow the object's style: `Key = value`, or `"Key": value` where it is written like JSON.
 */
export function renderHcl(value: SnippetValue, column: number, separator: '=' | ':' = '=', quotedKeys = false): string {
  const entry = (e: SnippetEntry, at: number) =>
    `${quotedKeys ? hclString(e.key) : hclKey(e.key)}${separator === ':' ? ':' : ' ='} ${renderHcl(e.value, at, separator, quotedKeys)}`;
  switch (value.kind) {
    case 'scalar':
      return hclString(value.snippet);
    case 'open-map':
      return `{\n${spaces(column + 2)}$0\n${spaces(column)}}`;
    case 'map':
      if (value.entries.length === 1 && value.entries[0].value.kind === 'scalar') return `{ ${entry(value.entries[0], column)} }`;
      return `{\n${value.entries.map((e) => spaces(column + 2) + entry(e, column + 2)).join(separator === ':' ? ',\n' : '\n')}\n${spaces(column)}}`;
    case 'list':
      if (value.items.every((i) => i.kind === 'scalar')) return `[${value.items.map((i) => renderHcl(i, column, separator, quotedKeys)).join(', ')}]`;
      return `[\n${value.items.map((i) => `${spaces(column + 2)}${renderHcl(i, column + 2, separator, quotedKeys)}`).join(',\n')},\n${spaces(column)}]`;
  }
}
