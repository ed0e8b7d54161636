import { InsertTextMode } from 'vscode-languageserver-types';
import { asList, Node, Span } from '../model/ast';
import { buildStatement, Statement } from '../model/policy';
import { nodeAtPath, PolicyPosition, Segment } from './cursor';
import type { Suggestion } from './completionCatalogue';
import { mapSnippetLiterals } from './snippetText';
import {
  escapeHclString,
  hclKey,
  hclString,
  renderHcl,
  renderJson,
  renderYamlAfterKey,
  renderYamlFlow,
  renderYamlItem,
  scalar,
  SnippetValue,
  snippetValueFromJson,
  yamlScalar,
} from './snippetValue';

/**
 * A completion site: where in a trust policy the cursor is, whatever the format, and a writer
 * that spells what completion inserts the way that format does (`"Effect": "Allow"`,
 * `Effect: Allow`, `Effect = "Allow"`).
 */

export interface Site {
  kind: 'key' | 'value';
  /** Inside the policy: for a key, the path of the object it goes into; for a value, its path. */
  path: Segment[];
  /** The text an item replaces, in document offsets. */
  replace: Span;
  /** Keys already in the object (key sites). */
  present: string[];
  /** String values already in the list (value sites). */
  listed: string[];
  /** The policy as far as it is written, for the statement around the cursor. */
  policy?: Node;
  /** The statement around the cursor, when the format knows it better than `policy` does. */
  statement?: Statement;
  writer: Writer;
  /** A YAML list item's content (`- |` in Statement): a statement's first key goes there too. */
  itemKeys?: boolean;
  /** What to offer, for places with their own vocabulary (the blocks of aws_iam_policy_document). */
  suggest?: () => Suggestion[];
}

/** The statement a position is in, read from the policy tree. */
export function statementAt(policy: Node | undefined, place: PolicyPosition): Statement | undefined {
  if (!('statementPath' in place)) return undefined;
  const node = nodeAtPath(policy, place.statementPath);
  return node?.kind === 'object' ? buildStatement(node, 0) : undefined;
}

/** Property names of the object at `path` (not counting the one at `exclude`, being typed). */
export function presentKeys(policy: Node | undefined, path: Segment[], exclude: number): string[] {
  const object = nodeAtPath(policy, path);
  if (object?.kind !== 'object') return [];
  return object.properties.filter((p) => p.keySpan.offset !== exclude).map((p) => p.key);
}

/** String values of the list a value at `path` is in (not counting the one at `exclude`). */
export function listedValues(policy: Node | undefined, path: Segment[], exclude: number): string[] {
  const container = typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
  return asList(nodeAtPath(policy, container))
    .filter((n) => n.span.offset !== exclude && n.kind === 'string')
    .map((n) => (n as { value: string }).value);
}

export interface Insert {
  text: string;
  /** When the insertion replaces something else than the site's token. */
  replace?: Span;
}

export interface Writer {
  /** A key and the value that follows it (`$1` in quotes when none is given). */
  key(name: string, value: SnippetValue | undefined): Insert;
  /** A string value (snippet text without quotes). */
  value(snippet: string): Insert;
  /** A whole value at a value position (a principal object, a statement or policy snippet); undefined where it cannot go. */
  structure(value: SnippetValue | undefined, json: string): Insert | undefined;
  /** What the editor compares with what was typed. */
  filterText(label: string, kind: 'key' | 'value' | 'structure'): string;
  /** Writers that indent their own lines insert as they are. */
  insertTextMode?: InsertTextMode;
}

// ---------------------------------------------------------------------------------------------
// JSON, as a file, a heredoc, or inside a Terraform string

export interface JsonWriterOptions {
  quoted: boolean;
  typed: string;
  followedByColon: boolean;
  needsComma: boolean;
  /** JSON written inside a quoted Terraform string: on one line, with `"` escaped. */
  inString?: boolean;
}

export function jsonWriter(o: JsonWriterOptions): Writer {
  const comma = o.needsComma ? ',' : '';
  const finish = (text: string): Insert => ({ text: o.inString ? mapSnippetLiterals(text, escapeHclString) : text });
  const q = o.inString ? '\\"' : '"';
  return {
    key: (name, value) => finish(o.followedByColon ? `"${name}"` : `"${name}": ${renderJson(value ?? scalar('$1'), 0, o.inString)}${comma}`),
    value: (snippet) => finish(`"${snippet}"${comma}`),
    structure: (value, json) => {
      if (!o.inString) return { text: json + comma };
      // A whole statement or policy does not belong on one escaped line; a principal object does.
      return value ? finish(renderJson(value, 0, true) + comma) : undefined;
    },
    filterText: (label, kind) => {
      if (kind === 'structure') return (o.quoted ? q : '') + label;
      if (kind === 'key') return `${q}${label}`;
      return o.quoted || !o.typed ? `${q}${label}` : label;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// YAML

export interface YamlWriterOptions {
  quote?: '"' | "'";
  followedBySeparator: boolean;
  column: number;
  flow: boolean;
  afterColon: boolean;
  item: boolean;
  /** Where a block under `key:` starts (right after the colon), replacing the spaces typed after it. */
  gapStart?: number;
  cursor: number;
}

export function yamlWriter(o: YamlWriterOptions): Writer {
  const space = o.afterColon ? ' ' : '';
  const key = (name: string) => yamlScalar(name);
  return {
    key: (name, value) => {
      if (o.followedBySeparator) return { text: key(name) };
      const v = value ?? scalar('$1');
      return { text: `${key(name)}:${o.flow ? ` ${renderYamlFlow(v)}` : renderYamlAfterKey(v, o.column)}` };
    },
    value: (snippet) => ({ text: space + yamlScalar(snippet, o.quote) }),
    structure: (value, json) => {
      const v = value ?? snippetValueFromJson(json);
      if (!v) return undefined;
      if (o.flow) return { text: space + renderYamlFlow(v) };
      if (o.item) return { text: renderYamlItem(v, o.column) };
      if (v.kind === 'scalar') return { text: space + renderYamlFlow(v) };
      return { text: renderYamlAfterKey(v, o.column), replace: o.gapStart !== undefined ? { offset: o.gapStart, length: o.cursor - o.gapStart } : undefined };
    },
    filterText: (label) => (o.quote ?? '') + label,
    insertTextMode: InsertTextMode.asIs,
  };
}

// ---------------------------------------------------------------------------------------------
// Terraform: HCL objects (jsonencode) and policy document blocks

export interface HclWriterOptions {
  quoted: boolean;
  followedBySeparator: boolean;
  separator: '=' | ':';
  quotedKeys: boolean;
  needsComma: boolean;
  afterSeparator: boolean;
  column: number;
}

export function hclWriter(o: HclWriterOptions): Writer {
  const comma = o.needsComma ? ',' : '';
  const space = o.afterSeparator ? ' ' : '';
  return {
    key: (name, value) => {
      const k = o.quoted || o.quotedKeys ? hclString(name) : hclKey(name);
      if (o.followedBySeparator) return { text: k };
      return { text: `${k}${o.separator === ':' ? ':' : ' ='} ${renderHcl(value ?? scalar('$1'), o.column, o.separator, o.quotedKeys)}${comma}` };
    },
    value: (snippet) => ({ text: space + hclString(snippet) + comma }),
    structure: (value, json) => {
      const v = value ?? snippetValueFromJson(json);
      return v && { text: space + renderHcl(v, o.column, o.separator, o.quotedKeys) + comma };
    },
    filterText: (label) => (o.quoted ? '"' : '') + label,
    insertTextMode: InsertTextMode.asIs,
  };
}
