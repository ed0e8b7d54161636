import { Node, ObjectNode, PropertyNode, Span, spanEnd } from '../model/ast';
import { TrustPolicy } from '../model/policy';
import { PolicySource } from '../documents';
import { TextEdit } from './types';
import { memoizeLast } from '../model/memo';

/**
 * What the group A (document grammar) rules share: the element names IAM knows, and the small
 * text edits their quick fixes make. Element names per the IAM User Guide's policy grammar
 * (reference_policies_grammar) as summarised in ../shared/trust-checks.md, A.
 */

export const POLICY_ELEMENTS = ['Version', 'Id', 'Statement'] as const;

/** `Resource`/`NotResource` are known to IAM; group B (trust-resource) says they are not allowed here. */
export const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'] as const;

export const CURRENT_VERSION = '2012-10-17';
export const OLD_VERSION = '2008-10-17';

/** The policy document when it is an object; group A stays quiet on anything else (an unknown root). */
export function policyObject(policy: TrustPolicy): ObjectNode | undefined {
  return policy.root.kind === 'object' ? policy.root : undefined;
}

/** The first character of an object: its brace in JSON and HCL. Prefer objectStart, which also suits YAML. */
export function openingBrace(node: ObjectNode): Span {
  return { offset: node.span.offset, length: 1 };
}

/**
 * Where a finding about an object as a whole goes (something missing from it, its size): its
 * opening brace, or in a YAML block mapping, which has none, its first key. Never the whole
 * object, which would underline every line of it.
 */
export function objectStart(text: string, node: ObjectNode): Span {
  if (text[node.span.offset] === '{') return { offset: node.span.offset, length: 1 };
  const first = node.properties[0];
  return first ? first.keySpan : { offset: node.span.offset, length: Math.min(node.span.length, 1) };
}

/** True when the node or anything inside it is known only at deploy time. */
export function containsUnknown(node: Node | undefined): boolean {
  if (!node) return false;
  switch (node.kind) {
    case 'unknown':
      return true;
    case 'array':
      return node.items.some(containsUnknown);
    case 'object':
      return node.properties.some((p) => p.value === undefined || containsUnknown(p.value));
    default:
      return false;
  }
}

/**
 * Replaces a string token (a value or a key) with `replacement`, keeping the token's own quotes:
 * `"allow"` and YAML's bare `allow` are both valid after the edit. Replacements are plain words
 * (letters, digits, dashes), so nothing needs escaping.
 */
export function replaceWord(text: string, span: Span, replacement: string): TextEdit {
  const first = text[span.offset];
  const last = text[spanEnd(span) - 1];
  // JSON inside a quoted Terraform string spells a string token \"word\": keep both escapes.
  const escaped = span.length >= 4 && text.startsWith('\\"', span.offset) && text.startsWith('\\"', spanEnd(span) - 2);
  if (escaped) return { span: { offset: span.offset + 2, length: span.length - 4 }, newText: replacement };
  const quoted = span.length >= 2 && (first === '"' || first === "'") && last === first;
  return quoted
    ? { span: { offset: span.offset + 1, length: span.length - 2 }, newText: replacement }
    : { span, newText: replacement };
}

/**
 * The file's line break: `\r\n` when it has one, else `\n`. Remembered for the last text asked
 * about: quick fixes are made for many findings of one file in turn, and scanning the file again
 * for each made their cost grow with findings x file size.
 */
export const newlineOf = memoizeLast((text: string): string => (text.includes('\r\n') ? '\r\n' : '\n'));

/** Where each line of the file starts, after each `\n` (found once per text, like newlineOf). */
const lineStarts = memoizeLast((text: string): number[] => {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
});

/**
 * The start of the line holding `offset`: just after the last `\n` before it. Looked up in the
 * file's line starts rather than searched backwards, which on a one-line file was a scan of all
 * the text before every finding's fix.
 */
export function lineStartOf(text: string, offset: number): number {
  const starts = lineStarts(text);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return starts[lo];
}

/** The white space before `offset` when nothing else precedes it on its line; undefined otherwise. */
export function indentBefore(text: string, offset: number): string | undefined {
  const before = text.slice(lineStartOf(text, offset), offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/**
 * Inserts `"key": value` into a JSON object, first or last, in the object's own layout (one
 * property a line, or all on one line). JSON only: YAML and HCL spell a property differently, so
 * callers offer the fix only for `format === 'json'`.
 */
export function addJsonProperty(text: string, object: ObjectNode, key: string, valueJson: string, where: 'first' | 'last'): TextEdit {
  const property = `${JSON.stringify(key)}: ${valueJson}`;
  const newline = newlineOf(text);
  const props = object.properties;
  if (props.length === 0) return { span: { offset: object.span.offset + 1, length: 0 }, newText: property };
  const anchor: PropertyNode = where === 'first' ? props[0] : props[props.length - 1];
  const indent = indentBefore(text, anchor.span.offset);
  if (where === 'first') {
    return {
      span: { offset: object.span.offset + 1, length: 0 },
      newText: indent === undefined ? `${property}, ` : `${newline}${indent}${property},`,
    };
  }
  return {
    span: { offset: spanEnd(anchor.span), length: 0 },
    newText: indent === undefined ? `, ${property}` : `,${newline}${indent}${property}`,
  };
}

/** Quick fixes that add JSON text are offered only where the policy is written in JSON. */
export function isJson(source: PolicySource): boolean {
  return source.format === 'json';
}

/**
 * Removes a list item together with the separator before it (`, "x"` in JSON and HCL, the
 * `- x` line in YAML): the text from the end of the previous item to the end of this one.
 */
export function removeListItem(items: readonly Node[], index: number): TextEdit | undefined {
  if (index < 1 || index >= items.length) return undefined;
  const start = spanEnd(items[index - 1].span);
  return { span: { offset: start, length: spanEnd(items[index].span) - start }, newText: '' };
}

/** The catalogue's spelling of an element name, matched ignoring case as IAM does; undefined when IAM does not know it. */
export function elementName(key: string, elements: readonly string[]): string | undefined {
  let byLowerName = elementNames.get(elements);
  if (!byLowerName) {
    // The first spelling wins, as the catalogue's order said before it was a map.
    byLowerName = new Map([...elements].reverse().map((e) => [e.toLowerCase(), e]));
    elementNames.set(elements, byLowerName);
  }
  return byLowerName.get(key.toLowerCase());
}

/** Each catalogue of element names (fixed lists: POLICY_ELEMENTS, STATEMENT_ELEMENTS...) by lower-case name. */
const elementNames = new WeakMap<readonly string[], Map<string, string>>();
