import { getProperty, Node, ObjectNode, Span, spanEnd } from '../model/ast';
import { childrenOf, decodeTemplate, HclNode, hclValue, withHclTree } from '../parser/hcl';
import { readBlock } from '../formats/terraformBlocks';
import { policyDocumentTree } from '../formats/terraformPolicyDocument';
import type { Segment } from './cursor';
import { HclItem, itemsBefore, stringNode } from './hclItems';
import { AttributeState, BlockFrame, Reader, ValueFrame } from './hclReader';

/**
 * Where the cursor is in a Terraform file, for completion in the trust policies it holds:
 *   - in `jsonencode({...})` of an `aws_iam_role`'s `assume_role_policy` (HCL object syntax),
 *   - in a heredoc or quoted JSON string there (the JSON inside is completed as JSON),
 *   - in a `data "aws_iam_policy_document"` block (its own attribute and block names).
 * The stream of items before the cursor (hclItems.ts) drives a small state machine of blocks,
 * attributes and brackets (hclReader.ts); what it cannot place gives undefined.
 *
 * Only the top-level block around the cursor is parsed (blocks start at column 0 by Terraform's
 * own formatting), so completion costs the same in a large module as in a small one. Offsets in
 * what this returns are offsets in the whole file, except the neutral trees, which completion
 * reads for their content only.
 */

export interface ObjectSite {
  mode: 'jsonencode';
  kind: 'key' | 'value';
  /** Inside the policy: the path of the object a key goes into, or of the value. */
  path: Segment[];
  replace: Span;
  typed: string;
  quoted: boolean;
  followedBySeparator: boolean;
  separator: '=' | ':';
  /** The object's keys are written as strings (`"Effect" = ...`, as JSON-minded authors do). */
  quotedKeys: boolean;
  needsComma: boolean;
  /** Indentation of the cursor's line. */
  column: number;
  /** The value goes right after `=`: it needs a space before it. */
  afterSeparator: boolean;
  present: string[];
  listed: string[];
  /** The policy as far as the parser recovered it. */
  root?: Node;
}

export interface EmbeddedJsonSite {
  mode: 'heredoc' | 'string';
  /** The JSON text (decoded, for a quoted string). */
  json: string;
  /** The cursor in `json`. */
  offset: number;
  /** File offset of each character of `json`, and of its end. */
  sourceOffset(index: number): number;
}

export type PolicyDocumentBlock = 'data' | 'statement' | 'principals' | 'not_principals' | 'condition';

export interface PolicyDocumentSite {
  mode: 'policy-document';
  /** The blocks from the data source in: `['data', 'statement', 'principals']`. */
  blocks: PolicyDocumentBlock[];
  /** An attribute or block name, or an attribute's value. */
  kind: 'name' | 'value';
  attribute?: string;
  /** The value is an item of the attribute's list (`actions = ["|"]`). */
  inList: boolean;
  replace: Span;
  typed: string;
  quoted: boolean;
  afterSeparator: boolean;
  column: number;
  /** A name whose `=` or `{` is already written: complete the name only. */
  followedBySeparator: boolean;
  /** Names of the attributes and blocks already in the innermost block. */
  names: string[];
  /** Literal string attributes of the innermost block (`type` of principals, `variable` of condition). */
  attributes: Record<string, string>;
  listed: string[];
  /** The statement block around the cursor, as the policy the data source renders has it. */
  statement?: ObjectNode;
  /** The data source is used as an assume-role policy, or reads like one (principals, sts: actions, no resources). */
  trust: boolean;
}

export type TerraformSite = ObjectSite | EmbeddedJsonSite | PolicyDocumentSite;

// ---------------------------------------------------------------------------------------------
// The slice of the file around the cursor

const TOP_LEVEL = /^(resource|data|module|locals|variable|output|provider|terraform|moved|import|check|removed)\b/;
const NEXT_TOP_LEVEL = /\n(?=(resource|data|module|locals|variable|output|provider|terraform|moved|import|check|removed)\b)/g;

function topLevelSlice(text: string, offset: number): { start: number; end: number } {
  let start = 0;
  for (let line = text.lastIndexOf('\n', offset - 1) + 1; ; line = text.lastIndexOf('\n', line - 2) + 1) {
    if (TOP_LEVEL.test(text.slice(line, line + 12))) {
      start = line;
      break;
    }
    if (line === 0) break;
  }
  NEXT_TOP_LEVEL.lastIndex = offset;
  const next = NEXT_TOP_LEVEL.exec(text);
  return { start, end: next ? next.index + 1 : text.length };
}

// ---------------------------------------------------------------------------------------------
// From the machine's state to a site

function lineIndent(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let i = start;
  while (text[i] === ' ') i++;
  return i - start;
}

interface Token {
  replace: Span;
  typed: string;
  quoted: boolean;
  /** What the token is, when it is a whole value (a heredoc, a string). */
  node?: HclNode;
}

function tokenAt(item: HclItem | undefined, cursor: number, text: string): Token | undefined {
  if (!item) return undefined;
  if (item.t === 'open-string') return { replace: { offset: item.start, length: cursor - item.start }, typed: text.slice(item.start + 1, cursor), quoted: true };
  if (item.t !== 'atom') return undefined;
  const quoted = text[item.start] === '"';
  return { replace: { offset: item.start, length: item.end - item.start }, typed: text.slice(item.start + (quoted ? 1 : 0), cursor), quoted, node: item.node };
}

const DOCUMENT_BLOCKS: Record<string, PolicyDocumentBlock[]> = {
  data: ['statement'],
  statement: ['principals', 'not_principals', 'condition'],
};

/** Locates the cursor in a Terraform file; undefined outside trust policies, or when the parser is not loaded. */
export function locateTerraformSite(text: string, offset: number): TerraformSite | undefined {
  const slice = topLevelSlice(text, offset);
  const source = text.slice(slice.start, slice.end);
  const cursor = offset - slice.start;
  const site = withHclTree(source, (root) => siteIn(root, source, cursor, text));
  return site && shift(site, slice.start);
}

function shift(site: TerraformSite, by: number): TerraformSite {
  if (site.mode === 'jsonencode' || site.mode === 'policy-document') return { ...site, replace: { offset: site.replace.offset + by, length: site.replace.length } };
  const inner = site.sourceOffset;
  return { ...site, sourceOffset: (i) => inner(i) + by };
}

function siteIn(root: HclNode, text: string, cursor: number, wholeText: string): TerraformSite | undefined {
  const stream = itemsBefore(root, cursor, text);
  const reader = new Reader(text);
  for (const item of stream.items) reader.step(item);
  const token = tokenAt(stream.token, cursor, text);
  const last = reader.last;

  // Where the cursor is relative to an attribute value that ended or never started.
  let a = reader.attribute;
  if (a && a.frames.length === 0 && !a.started && reader.newLineBetween(a.equalsEnd, token?.replace.offset ?? cursor)) a = undefined;
  if (a && a.frames.length === 0 && a.done) {
    if (token || !last || !reader.newLineBetween(last.end, cursor)) return undefined;
    a = undefined;
  }
  const blocks = reader.blocks;
  const head = blocks[0]?.words ?? [];

  if (head[0] === 'resource' && head[1] === 'aws_iam_role' && blocks.length === 1 && a?.name === 'assume_role_policy') {
    const call = a.frames[0];
    if (call?.kind === 'call' && call.name === 'jsonencode') return objectSite(reader, a, token, cursor, text);
    if (a.frames.length === 0 && token?.node) return embeddedJson(token.node, cursor, text);
    return undefined;
  }
  if (head[0] === 'data' && head[1] === 'aws_iam_policy_document' && blocks.length >= 1) {
    return policyDocumentSite(reader, a, token, cursor, text, wholeText, String(head[2] ?? ''));
  }
  return undefined;
}

function needsComma(text: string, end: number): boolean {
  const rest = /^[ \t]*([^\s,}\])#/])/.exec(text.slice(end, end + 200));
  return !!rest;
}

function objectSite(reader: Reader, a: AttributeState, token: Token | undefined, cursor: number, text: string): ObjectSite | undefined {
  const frames = a.frames;
  const top = frames[frames.length - 1];
  const path: Segment[] = [];
  for (const f of frames.slice(1, -1)) {
    if (f.kind === 'object' && f.key !== undefined) path.push(f.key);
    else if (f.kind === 'array') path.push(f.index);
    else return undefined;
  }
  const replace = token?.replace ?? { offset: cursor, length: 0 };
  const base = {
    mode: 'jsonencode' as const,
    replace,
    typed: token?.typed ?? '',
    quoted: token?.quoted ?? false,
    followedBySeparator: false,
    separator: reader.separatorSeen ?? '=',
    quotedKeys: false,
    needsComma: needsComma(text, replace.offset + replace.length),
    column: lineIndent(text, cursor),
    afterSeparator: /[=:]$/.test(text.slice(0, replace.offset)),
    present: [] as string[],
    listed: [] as string[],
    root: policyRoot(frames[0] as Extract<ValueFrame, { kind: 'call' }>),
  };
  if (top.kind === 'call') return top.state === 'value' && frames.length === 1 ? { ...base, kind: 'value', path: [] } : undefined;
  if (top.kind === 'array') return top.state === 'value' ? { ...base, kind: 'value', path: [...path, top.index], listed: top.values } : undefined;
  if (top.state === 'value' && top.key !== undefined) return { ...base, kind: 'value', path: [...path, top.key], separator: top.separator ?? base.separator };
  const typingKey = top.state === 'key' || (top.state === 'after' && (token !== undefined || reader.newLineBetween(top.lastEnd, cursor)));
  if (!typingKey || (token && token.node && stringNode(token.node).type === 'heredoc_template')) return undefined;
  if (token?.node && !token.quoted && !/^[A-Za-z_][\w-]*$/.test(token.node.text)) return undefined;
  const others = top.keys.filter((k) => k.start !== replace.offset);
  const present = others.map((k) => k.key);
  const quotedKeys = others.length > 0 ? others.filter((k) => k.quoted).length * 2 > others.length : reader.quotedKeysSeen === true;
  const followedBySeparator = /^[ \t]*[=:]/.test(text.slice(replace.offset + replace.length));
  return { ...base, kind: 'key', path, present, quotedKeys, followedBySeparator, separator: top.separator ?? base.separator, needsComma: !followedBySeparator && base.needsComma };
}

/** The policy under `jsonencode(`, as the HCL reader recovers it (a half-typed object is salvaged). */
function policyRoot(call: Extract<ValueFrame, { kind: 'call' }>): Node | undefined {
  const parent = call.parent;
  if (!parent) return undefined;
  const owner = parent.type === 'function_call' ? parent : parent.type === 'ERROR' ? parent : undefined;
  if (!owner) return undefined;
  const value = hclValue(owner);
  return value.kind === 'object' ? value : undefined;
}

function embeddedJson(node: HclNode, cursor: number, text: string): EmbeddedJsonSite | undefined {
  const value = stringNode(node);
  if (value.type === 'heredoc_template') {
    const markers = childrenOf(value).filter((c) => c.type === 'heredoc_identifier' && !c.isMissing);
    const opening = markers[0];
    if (!opening) return undefined;
    const lineEnd = text.indexOf('\n', opening.endIndex);
    if (lineEnd < 0) return undefined;
    const start = lineEnd + 1;
    const closing = markers.length > 1 ? markers[markers.length - 1] : undefined;
    const end = closing ? text.lastIndexOf('\n', closing.startIndex - 1) + 1 : value.endIndex;
    if (cursor < start || cursor > Math.max(start, end)) return undefined;
    return { mode: 'heredoc', json: text.slice(start, Math.max(start, end)), offset: cursor - start, sourceOffset: (i) => start + i };
  }
  if (value.type !== 'string_lit' && value.type !== 'quoted_template') return undefined;
  const decoded = decodeTemplate(value, true);
  if (!decoded) return undefined;
  const index = decoded.offsets.findIndex((o) => o >= cursor);
  // The cursor inside an escape (`\|"`) has no place in the decoded JSON.
  if (index < 0 || decoded.offsets[index] !== cursor) return undefined;
  const offsets = decoded.offsets;
  return { mode: 'string', json: decoded.text, offset: index, sourceOffset: (i) => offsets[Math.min(i, offsets.length - 1)] };
}

function policyDocumentSite(
  reader: Reader,
  a: AttributeState | undefined,
  token: Token | undefined,
  cursor: number,
  text: string,
  wholeText: string,
  dataName: string,
): PolicyDocumentSite | undefined {
  const types: PolicyDocumentBlock[] = ['data'];
  for (const frame of reader.blocks.slice(1)) {
    const type = frame.words[0];
    const allowed = DOCUMENT_BLOCKS[types[types.length - 1]] ?? [];
    if (frame.words.length !== 1 || !allowed.includes(type as PolicyDocumentBlock)) return undefined;
    types.push(type as PolicyDocumentBlock);
  }
  const frame = reader.blocks[reader.blocks.length - 1];
  const replace = token?.replace ?? { offset: cursor, length: 0 };
  const base = {
    mode: 'policy-document' as const,
    blocks: types,
    replace,
    typed: token?.typed ?? '',
    quoted: token?.quoted ?? false,
    afterSeparator: /=$/.test(text.slice(0, replace.offset)),
    column: lineIndent(text, cursor),
    names: frame.names,
    followedBySeparator: false,
    attributes: frame.attributes,
    listed: [] as string[],
    statement: statementAt(documentRoot(reader.blocks[0], text), cursor),
    trust: isTrustDocument(text, wholeText, dataName),
  };
  if (!a) {
    // A name at the start of a line in the block body.
    if (reader.pending.length) return undefined;
    if (token && (token.quoted || !/^[A-Za-z_][\w-]*$/.test(text.slice(token.replace.offset, cursor)))) return undefined;
    if (!token && reader.last && !reader.newLineBetween(reader.last.end, cursor) && !(reader.last.t === 'open')) return undefined;
    const word = token ? text.slice(token.replace.offset, token.replace.offset + token.replace.length) : '';
    const followedBySeparator = token !== undefined && /^[ \t]*[={]/.test(text.slice(token.replace.offset + token.replace.length));
    const names = followedBySeparator ? frame.names.filter((n) => n !== word) : frame.names;
    return { ...base, kind: 'name', inList: false, names, followedBySeparator };
  }
  const frames = a.frames;
  if (frames.length > 1) return undefined;
  const top = frames[0];
  if (top && (top.kind !== 'array' || top.state !== 'value')) return undefined;
  if (!top && token?.node && stringNode(token.node).type === 'heredoc_template') return undefined;
  return { ...base, kind: 'value', attribute: a.name, inList: !!top, listed: top?.kind === 'array' ? top.values : [], names: frame.names.filter((n) => n !== a.name) };
}

function statementAt(root: Node | undefined, offset: number): ObjectNode | undefined {
  const statements = root && getProperty(root, 'Statement')?.value;
  if (statements?.kind !== 'array') return undefined;
  const found = statements.items.find((s) => s.kind === 'object' && offset >= s.span.offset && offset <= spanEnd(s.span));
  return found?.kind === 'object' ? found : undefined;
}

/** The policy a data source renders, when its block parsed well enough to read. */
function documentRoot(frame: BlockFrame | undefined, text: string): Node | undefined {
  const block = frame?.node && readBlock(frame.node);
  return block ? policyDocumentTree(block, text) : undefined;
}

/**
 * A data source is a trust policy unless it is plainly another kind: one with resources, or an
 * action outside STS (an identity policy), that no role uses as its assume-role policy
 * (trust-checks.md: resource and identity policies have Resource; trust policies only sts: actions).
 */
function isTrustDocument(block: string, wholeText: string, name: string): boolean {
  const used = new RegExp(`assume_role_policy\\s*=\\s*data\\.aws_iam_policy_document\\.${name.replace(/[^\w-]/g, '')}\\.(minified_)?json`).test(wholeText);
  if (used) return true;
  if (/\b(not_)?resources\s*=/.test(block)) return false;
  return ![...block.matchAll(/"([a-z0-9-]+):[A-Za-z*]/g)].some((m) => m[1] !== 'sts' && /\b(not_)?actions\s*=\s*\[[^\]]*$/.test(block.slice(0, m.index)));
}
