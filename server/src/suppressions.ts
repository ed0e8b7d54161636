import { newlineOf } from './rules/grammar';
import * as jsonc from 'jsonc-parser';
import { Parser as YamlParser } from 'yaml';
import { Span, spanEnd } from './model/ast';
import { findPlaceholders } from './formats/template';
import { withHclTree } from './parser/hcl';
import { Finding, Fix } from './rules/types';
import { LineIndex } from './text';

/**
 * Inline suppressions: `iam-trust-ignore <rule-id>[, <rule-id>...]: <reason>` in a comment, where
 * the file's format has comments (docs/suppressions.md):
 *   - JSON, JSONC, CloudFormation JSON and JSON templates: `//` and `/* ... *\/`;
 *   - YAML (CloudFormation, SAM): `#`;
 *   - Terraform: `#`, `//` and `/* ... *\/` (HCL's three comment forms).
 * A comment alone on its line covers the next line that holds something other than comments and
 * blank space; a comment after code covers its own line. A finding is on the line where its range
 * starts. Only real comment tokens count (from each format's own scanner), so `"//"` or `"#"`
 * inside a string, a YAML block scalar or a Terraform heredoc is never a directive.
 */

export const DIRECTIVE = 'iam-trust-ignore';

/** What the quick fix writes where the reason goes; a reason still reading like this is missing. */
export const REASON_PLACEHOLDER = '<why this is acceptable>';

export type CommentStyle = 'json' | 'yaml' | 'hcl';

export interface RuleIdReference {
  id: string;
  span: Span;
}

/** Lines (0-based, inclusive) whose findings a directive suppresses. */
export interface LineRange {
  first: number;
  last: number;
}

export interface SuppressionDirective {
  /** The whole comment, markers included. */
  comment: Span;
  /** Alone on its line (it covers a later line) rather than after code (it covers its own). */
  ownLine: boolean;
  ruleIds: RuleIdReference[];
  /** The reason after the colon; undefined when there is none or it is still the placeholder. */
  reason?: string;
  /** The words after `iam-trust-ignore` are not rule ids then a colon: it suppresses nothing. */
  malformed: boolean;
  /** Undefined when nothing follows an own-line comment. */
  lines?: LineRange;
}

interface ScannedComments {
  /** Every comment of the file, in file order. */
  comments: Span[];
  /** Terraform heredocs: a directive above the line that opens one covers all of it. */
  heredocs: Span[];
}

function jsonComments(text: string): ScannedComments {
  // Template placeholders (`${jsonencode(x)}`, `%{ for }`) may hold quotes that would confuse the
  // scanner; blanking them keeps every offset and every comment outside them.
  const pieces: string[] = [];
  let at = 0;
  for (const r of findPlaceholders(text)) {
    pieces.push(text.slice(at, r.start), ' '.repeat(r.end - r.start));
    at = r.end;
  }
  const scanned = pieces.join('') + text.slice(at);
  const scanner = jsonc.createScanner(scanned, false);
  const comments: Span[] = [];
  for (let kind = scanner.scan(); kind !== jsonc.SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === jsonc.SyntaxKind.LineCommentTrivia || kind === jsonc.SyntaxKind.BlockCommentTrivia) {
      comments.push({ offset: scanner.getTokenOffset(), length: scanner.getTokenLength() });
    }
  }
  return { comments, heredocs: [] };
}

/** Comment tokens of yaml's concrete syntax tree, wherever they hang in it. */
function yamlComments(text: string): ScannedComments {
  const comments: Span[] = [];
  const pending: unknown[] = [];
  try {
    for (const token of new YamlParser().parse(text)) pending.push(token);
  } catch {
    return { comments, heredocs: [] };
  }
  // An explicit stack: a deeply nested document must not overflow the call stack.
  while (pending.length) {
    const value = pending.pop();
    if (!value || typeof value !== 'object') continue;
    const token = value as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      comments.push({ offset: token.offset, length: token.source.length });
      continue;
    }
    for (const child of Object.values(value)) if (child && typeof child === 'object') pending.push(child);
  }
  return { comments: comments.sort((a, b) => a.offset - b.offset), heredocs: [] };
}

function hclComments(text: string): ScannedComments {
  const found = withHclTree(text, (root) => {
    const out: ScannedComments = { comments: [], heredocs: [] };
    for (const node of root.descendantsOfType(['comment', 'heredoc_template'])) {
      if (!node) continue;
      const span = { offset: node.startIndex, length: node.endIndex - node.startIndex };
      (node.type === 'comment' ? out.comments : out.heredocs).push(span);
    }
    return out;
  });
  return found ?? { comments: [], heredocs: [] };
}

function scanComments(text: string, style: CommentStyle): ScannedComments {
  switch (style) {
    case 'yaml':
      return yamlComments(text);
    case 'hcl':
      return hclComments(text);
    default:
      return jsonComments(text);
  }
}

/** Whether a JSON file already uses comments (a quick fix must not be the first to add one). */
export function hasJsonComments(text: string): boolean {
  if (!text.includes('//') && !text.includes('/*')) return false;
  return jsonComments(text).comments.length > 0;
}

/** The text between the comment markers, and where it starts in the comment. */
function commentBody(raw: string): { body: string; start: number } {
  if (raw.startsWith('#')) return { body: raw.slice(1), start: 1 };
  if (raw.startsWith('//')) return { body: raw.slice(2), start: 2 };
  if (raw.startsWith('/*')) return { body: raw.slice(2, raw.endsWith('*/') && raw.length >= 4 ? -2 : undefined), start: 2 };
  return { body: raw, start: 0 };
}

const DIRECTIVE_START = new RegExp(`^\\s*${DIRECTIVE}(?![\\w-])`);
/** ` id, id: reason`, the reason optional here (its absence is reported, not a parse failure). */
const IDS_AND_REASON = /^\s+([\w-]+(?:\s*,\s*[\w-]+)*)\s*(?::([^]*))?$/;

function isPlaceholder(reason: string): boolean {
  return /^<[^>]*>$/.test(reason);
}

/** Binary search: the comment that contains `offset`, if any. */
function commentAt(comments: readonly Span[], offset: number): Span | undefined {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spanEnd(comments[mid]) <= offset) lo = mid + 1;
    else hi = mid;
  }
  const c = comments[lo];
  return c && c.offset <= offset ? c : undefined;
}

/** The first line after `line` with something other than comments and white space on it. */
function nextCodeLine(text: string, lines: LineIndex, comments: readonly Span[], line: number): number | undefined {
  for (let l = line + 1; l < lines.lineCount; l++) {
    const start = lines.offset(l, 0);
    const content = lines.lineText(l);
    const indent = /^\s*/.exec(content)![0].length;
    if (indent === content.length) continue;
    const comment = commentAt(comments, start + indent);
    if (!comment) return l;
    // A comment that ends on this line with code after it: the code counts.
    if (lines.position(spanEnd(comment)).line === l && content.slice(spanEnd(comment) - start).trim() !== '') return l;
  }
  return undefined;
}

function targetLines(text: string, lines: LineIndex, scanned: ScannedComments, comment: Span): { ownLine: boolean; lines?: LineRange } {
  const first = lines.position(comment.offset).line;
  const last = lines.position(spanEnd(comment)).line;
  const before = text.slice(lines.offset(first, 0), comment.offset).trim() !== '';
  const after = lines.lineText(last).slice(spanEnd(comment) - lines.offset(last, 0)).trim() !== '';
  if (before) return { ownLine: false, lines: { first, last: first } };
  if (after) return { ownLine: false, lines: { first: last, last } };
  const target = nextCodeLine(text, lines, scanned.comments, last);
  if (target === undefined) return { ownLine: true };
  const heredoc = scanned.heredocs.find((h) => lines.position(h.offset).line === target);
  return { ownLine: true, lines: { first: target, last: heredoc ? lines.position(spanEnd(heredoc) - 1).line : target } };
}

function parseDirective(text: string, lines: LineIndex, scanned: ScannedComments, comment: Span): SuppressionDirective | undefined {
  const { body, start } = commentBody(text.substr(comment.offset, comment.length));
  const head = DIRECTIVE_START.exec(body);
  if (!head) return undefined;
  const base = { comment, ...targetLines(text, lines, scanned, comment) };
  const rest = body.slice(head[0].length);
  const m = IDS_AND_REASON.exec(rest);
  if (!m) return { ...base, ruleIds: [], malformed: true };
  const idsAt = comment.offset + start + head[0].length + rest.indexOf(m[1]);
  const ruleIds = [...m[1].matchAll(/[\w-]+/g)].map((w) => ({ id: w[0], span: { offset: idsAt + (w.index ?? 0), length: w[0].length } }));
  const reason = m[2]?.trim();
  return { ...base, ruleIds, reason: reason && !isPlaceholder(reason) ? reason : undefined, malformed: false };
}

/** The `iam-trust-ignore` directives of a file, in file order. */
export function findSuppressions(text: string, style: CommentStyle): SuppressionDirective[] {
  if (!text.includes(DIRECTIVE)) return [];
  const scanned = scanComments(text, style);
  const lines = new LineIndex(text);
  const out: SuppressionDirective[] = [];
  for (const comment of scanned.comments) {
    const directive = parseDirective(text, lines, scanned, comment);
    if (directive) out.push(directive);
  }
  return out;
}

export interface SuppressedFinding {
  finding: Finding;
  directive: SuppressionDirective;
}

export interface SuppressionOutcome {
  kept: Finding[];
  suppressed: SuppressedFinding[];
  /** The rule id references that suppressed at least one finding. */
  used: Set<RuleIdReference>;
}

/**
 * Splits findings into those a directive covers and the rest. `canSuppress` says which rules a
 * comment may silence at all (a syntax error cannot be: nothing else could be checked).
 */
export function applySuppressions(
  findings: readonly Finding[],
  directives: readonly SuppressionDirective[],
  lines: LineIndex,
  canSuppress: (ruleId: string) => boolean,
): SuppressionOutcome {
  const outcome: SuppressionOutcome = { kept: [], suppressed: [], used: new Set() };
  const active = directives.filter((d) => !d.malformed && d.lines);
  for (const finding of findings) {
    let by: SuppressionDirective | undefined;
    if (canSuppress(finding.ruleId)) {
      const line = lines.position(finding.span.offset).line;
      for (const d of active) {
        if (line < d.lines!.first || line > d.lines!.last) continue;
        for (const ref of d.ruleIds) {
          if (ref.id !== finding.ruleId) continue;
          outcome.used.add(ref);
          by ??= d;
        }
      }
    }
    if (by) outcome.suppressed.push({ finding, directive: by });
    else outcome.kept.push(finding);
  }
  return outcome;
}

/** Where a directive comment goes: the start of the line holding `offset`, and that line's indent. */
function lineStartOf(text: string, offset: number): number {
  return offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * "Suppress <rule> on this line": a directive comment above the line the finding starts on, with
 * the line's indentation and a placeholder reason the author replaces (until then the directive is
 * reported for its missing reason).
 */
export function suppressLineFix(text: string, style: CommentStyle, offset: number, ruleId: string): Fix {
  const lineStart = lineStartOf(text, offset);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 256))![0];
  const eol = newlineOf(text);
  const marker = style === 'json' ? '//' : '#';
  return {
    title: `Suppress ${ruleId} on this line`,
    edits: [{ span: { offset: lineStart, length: 0 }, newText: `${indent}${marker} ${DIRECTIVE} ${ruleId}: ${REASON_PLACEHOLDER}${eol}` }],
  };
}

/**
 * The edit that takes one rule id out of a directive: the id and its comma when there are others,
 * else the whole comment (its line too, when it was alone on it).
 */
export function removeRuleIdFix(text: string, directive: SuppressionDirective, ref: RuleIdReference, title: string): Fix {
  const ids = directive.ruleIds;
  const i = ids.indexOf(ref);
  let span: Span;
  if (ids.length > 1 && i >= 0) {
    span =
      i < ids.length - 1
        ? { offset: ref.span.offset, length: ids[i + 1].span.offset - ref.span.offset }
        : { offset: spanEnd(ids[i - 1].span), length: spanEnd(ref.span) - spanEnd(ids[i - 1].span) };
  } else if (directive.ownLine) {
    const start = lineStartOf(text, directive.comment.offset);
    const nl = text.indexOf('\n', spanEnd(directive.comment));
    span = { offset: start, length: (nl < 0 ? text.length : nl + 1) - start };
  } else {
    let start = directive.comment.offset;
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    span = { offset: start, length: spanEnd(directive.comment) - start };
  }
  return { title, edits: [{ span, newText: '' }] };
}
