import { Node, ObjectNode, spanEnd } from '../model/ast';
import { Statement } from '../model/policy';
import { PolicyFormat } from '../documents';
import { addJsonProperty, indentBefore, lineStartOf, newlineOf } from './grammar';
import { memoizeLast } from '../model/memo';
import { TextEdit } from './types';

/**
 * Text edits that quick fixes make in JSON: adding an entry to a statement's Condition (creating
 * the operator block or the Condition element when missing), laid out the way the user's document
 * is (one property a line at the detected indentation, or all on one line), and replacing a string
 * value in place in any format. Adding properties is JSON only: callers check `isJson(source)`.
 */

/** The values a fix writes: strings, lists of strings, objects of those. */
export type JsonValue = string | string[] | { [key: string]: JsonValue };

/** The white space that starts the line holding `offset`. */
function lineIndentAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStartOf(text, offset), offset))![0];
}

/**
 * The document's indentation step: a tab when lines are indented with tabs, else the smallest
 * positive number of leading spaces (2 when the document says nothing, as on one line). Remembered
 * for the last text, like newlineOf.
 */
export const detectIndentUnit = memoizeLast(readIndentUnit);

function readIndentUnit(text: string): string {
  let smallest = Infinity;
  let tabs = 0;
  let spaces = 0;
  for (const match of text.matchAll(/^([ \t]+)\S/gm)) {
    const indent = match[1];
    if (indent[0] === '\t') tabs++;
    else {
      spaces++;
      smallest = Math.min(smallest, indent.length);
    }
  }
  if (tabs > spaces) return '\t';
  return ' '.repeat(Number.isFinite(smallest) ? Math.min(smallest, 8) : 2);
}

/** How an object lays out its properties, read from the object itself. */
interface Layout {
  /** One property a line (undefined: all on one line). */
  propertyIndent?: string;
  /** The indentation step used inside new multi-line values. */
  unit: string;
  /** `{ "a": 1 }` rather than `{"a": 1}`. */
  padded: boolean;
}

function layoutOf(text: string, object: ObjectNode): Layout {
  const first = object.properties[0];
  const ownIndent = lineIndentAt(text, object.span.offset);
  if (first) {
    const propertyIndent = indentBefore(text, first.span.offset);
    // The step this object itself takes, when its properties sit deeper than its own line.
    const local = propertyIndent?.startsWith(ownIndent) ? propertyIndent.slice(ownIndent.length) : '';
    return { propertyIndent, unit: local || detectIndentUnit(text), padded: text[object.span.offset + 1] === ' ' };
  }
  // An empty object: multi-line when the document around it is, padded when the document pads.
  const unit = detectIndentUnit(text);
  const multiLine = text.slice(0, object.span.offset).includes('\n');
  return { propertyIndent: multiLine ? ownIndent + unit : undefined, unit, padded: /\{ "/.test(text) };
}

/** A value as JSON text: objects one property a line below `indent` when multi-line, else inline. */
export function renderJson(value: JsonValue, newline: string, unit: string, indent?: string, padded = false): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  const entries = Object.entries(value);
  if (indent === undefined) {
    const inner = entries.map(([k, v]) => `${JSON.stringify(k)}: ${renderJson(v, newline, unit, undefined, padded)}`).join(', ');
    return padded ? `{ ${inner} }` : `{${inner}}`;
  }
  const inner = indent + unit;
  const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${renderJson(v, newline, unit, inner, padded)}`);
  return `{${newline}${lines.join(`,${newline}`)}${newline}${indent}}`;
}

/**
 * Adds `"key": value` as the object's last property, in the object's layout; an empty object gets
 * its first property on a line of its own when the document is multi-line.
 */
export function insertJsonProperty(text: string, object: ObjectNode, key: string, value: JsonValue): TextEdit {
  const newline = newlineOf(text);
  const layout = layoutOf(text, object);
  const rendered = renderJson(value, newline, layout.unit, layout.propertyIndent, layout.padded);
  if (object.properties.length > 0) return addJsonProperty(text, object, key, rendered, 'last');
  const property = `${JSON.stringify(key)}: ${rendered}`;
  const newText =
    layout.propertyIndent === undefined
      ? layout.padded
        ? `{ ${property} }`
        : `{${property}}`
      : `{${newline}${layout.propertyIndent}${property}${newline}${lineIndentAt(text, object.span.offset)}}`;
  return { span: object.span, newText };
}

/**
 * Requires `key` to match `value` under `operator` in the statement: adds the key to the
 * operator's block, the block to the Condition, or the Condition to the statement, whichever is
 * missing. Undefined when the edit is not clear: the Condition or the block is not a literal
 * object, or the key is already there (the author's value is theirs to change).
 */
export function addConditionEdit(text: string, statement: Statement, operator: string, key: string, value: string | string[]): TextEdit | undefined {
  const condition = statement.conditionProperty;
  if (!condition) return insertJsonProperty(text, statement.node, 'Condition', { [operator]: { [key]: value } });
  if (condition.value?.kind !== 'object') return undefined;
  const lowerOperator = operator.toLowerCase();
  const block = condition.value.properties.find((p) => p.key.toLowerCase() === lowerOperator);
  if (!block) return insertJsonProperty(text, condition.value, operator, { [key]: value });
  if (block.value?.kind !== 'object') return undefined;
  const lowerKey = key.toLowerCase();
  if (block.value.properties.some((p) => p.key.toLowerCase() === lowerKey)) return undefined;
  return insertJsonProperty(text, block.value, key, value);
}

/**
 * Plain YAML scalars that would not stay strings: a special first character, `: ` or ` #` inside,
 * or a word YAML reads as a boolean, null or number.
 */
const YAML_PLAIN_UNSAFE = /^[-?:,[\]{}#&*!|>'"%@`\s]|: | #|\s$|^(true|false|yes|no|on|off|null|~|[-+.]?\d[\d._:eE+-]*)$/i;

/**
 * Replaces a string value with `newValue` in place, keeping how the source quotes it: JSON and
 * HCL `"..."`, YAML plain, `'...'` or `"..."`, and JSON inside a Terraform string (`\"...\"`).
 * Undefined when the source spells the value with escapes or the new value would need some: the
 * edit is then not a plain replacement, and no fix is offered.
 */
export function replaceStringEdit(text: string, node: Node, newValue: string, format: PolicyFormat): TextEdit | undefined {
  if (node.kind !== 'string' || /["'\\$%{}\n\r\t]/.test(newValue)) return undefined;
  const raw = text.slice(node.span.offset, spanEnd(node.span));
  const inner = (quote: string): TextEdit | undefined =>
    raw.length >= 2 * quote.length && raw.startsWith(quote) && raw.endsWith(quote) && raw.slice(quote.length, -quote.length) === node.value
      ? { span: { offset: node.span.offset + quote.length, length: node.span.length - 2 * quote.length }, newText: newValue }
      : undefined;
  switch (format) {
    case 'json':
    case 'hcl':
      return inner('"');
    case 'json-in-string':
      return inner('\\"');
    case 'yaml':
      if (raw === node.value) return YAML_PLAIN_UNSAFE.test(newValue) ? undefined : { span: node.span, newText: newValue };
      return inner("'") ?? inner('"');
  }
}
