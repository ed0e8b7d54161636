import { CodeAction, CodeActionContext, CodeActionKind, Diagnostic, Range, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Span, spanEnd } from '../model/ast';
import { Finding, Fix, TextEdit } from '../rules/types';
import { TrustConfig } from '../config';
import { analyseDocument } from '../documents';
import { validateDocument } from '../validation';
import { normaliseLanguageId, uriToFilePath } from '../languageService';
import { FindingDiagnosticData, findingToDiagnostic, findRulesDocsRoot, spanToRange } from './diagnostics';

/**
 * Code actions: the quick fixes the rules attached to their findings, as LSP CodeActions, plus a
 * source action that applies every preferred fix at once. Plain inputs in, LSP types out; the
 * transport lives in server.ts.
 */

/** Kind of the "fix all" source action: a sub-kind of source.fixAll, so `codeActionsOnSave` finds it. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.iam-trust`;
export const FIX_ALL_TITLE = 'Fix all auto-fixable problems';

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export interface CodeActionInput {
  document: TextDocument;
  /** The findings of exactly this document version (undefined when they are stale or not computed yet). */
  findings: readonly Finding[] | undefined;
  range: Range;
  context: CodeActionContext;
  /** Where the rule docs live, for diagnostics built for findings the client did not send. */
  docsRoot?: string;
  /** The document's configuration: "fix all" runs the engine again with it (no config: no "fix all"). */
  config?: TrustConfig;
}

/**
 * Quick fixes for the findings the client's diagnostics point at, and for those under the
 * requested range (clients that send no diagnostics in the context); then "fix all" when the
 * client asks for source actions.
 */
export function provideCodeActions(input: CodeActionInput): CodeAction[] {
  const { document, findings, context } = input;
  if (!findings || findings.length === 0) return [];
  const actions: CodeAction[] = [];
  if (wants(context, CodeActionKind.QuickFix)) {
    for (const { finding, diagnostic } of findingsInRequest(input, findings)) {
      for (const fix of finding.fixes) {
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(document, fix.edits) };
        if (fix.preferred) action.isPreferred = true;
        actions.push(action);
      }
    }
  }
  // Fix all runs the engine once per fix: only when asked for by kind (the Source Action menu,
  // codeActionsOnSave), not on every move of the cursor.
  if (input.config && context.only?.some((k) => covers(k, FIX_ALL_KIND)) && findings.some((f) => f.fixes.some((x) => x.preferred))) {
    const text = document.getText();
    const fixedText = fixAllText(text, findings, inProcessRelint(document, input.config));
    if (fixedText !== text) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: workspaceEdit(document, [differenceEdit(text, fixedText)]) });
  }
  return actions;
}

/** Kinds are hierarchical: `source` asks for `source.fixAll.iam-trust` too. */
function covers(requested: string, kind: string): boolean {
  return kind === requested || kind.startsWith(`${requested}.`);
}

function wants(context: CodeActionContext, kind: string): boolean {
  return !context.only || context.only.some((k) => covers(k, kind));
}

interface FindingInRequest {
  finding: Finding;
  diagnostic: Diagnostic;
}

function findingsInRequest(input: CodeActionInput, findings: readonly Finding[]): FindingInRequest[] {
  const { document, range, context } = input;
  const chosen = new Map<number, Diagnostic>();
  for (const diagnostic of context.diagnostics) {
    const index = findingIndexOf(diagnostic, findings, document);
    if (index !== undefined && !chosen.has(index)) chosen.set(index, diagnostic);
  }
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  let docsRoot = input.docsRoot;
  findings.forEach((finding, index) => {
    if (chosen.has(index) || finding.fixes.length === 0 || !touches(finding.span, start, end)) return;
    docsRoot ??= findRulesDocsRoot();
    chosen.set(index, findingToDiagnostic(finding, index, document, docsRoot));
  });
  return [...chosen.entries()].sort(([a], [b]) => a - b).map(([index, diagnostic]) => ({ finding: findings[index], diagnostic }));
}

/**
 * The finding behind one of our diagnostics: by the index it carries when its rule and range still
 * agree, else by rule and range (clients that drop `data`).
 */
function findingIndexOf(diagnostic: Diagnostic, findings: readonly Finding[], document: TextDocument): number | undefined {
  const start = document.offsetAt(diagnostic.range.start);
  const end = document.offsetAt(diagnostic.range.end);
  const sameRange = (f: Finding) => f.span.offset === start && spanEnd(f.span) === end;
  const data = diagnostic.data as Partial<FindingDiagnosticData> | undefined;
  if (typeof data?.findingIndex === 'number') {
    const f = findings[data.findingIndex];
    if (f && f.ruleId === data.ruleId && sameRange(f)) return data.findingIndex;
  }
  if (typeof diagnostic.code !== 'string') return undefined;
  const index = findings.findIndex((f) => f.ruleId === diagnostic.code && sameRange(f));
  return index >= 0 ? index : undefined;
}

/** A cursor at either end of a finding's range counts as on it. */
function touches(span: Span, start: number, end: number): boolean {
  return span.offset <= end && spanEnd(span) >= start;
}

/** Runs the engine on a version of the document's text; undefined when it cannot (a parser still loading). */
export type Relint = (text: string) => Finding[] | undefined;

/**
 * The engine in this thread, on edited versions of an open document: the same config and language
 * as its diagnostics. Forced, since the document's findings show it holds trust policies. Terraform
 * needs the WebAssembly parser, which the server loads in its analysis thread only: undefined then.
 */
export function inProcessRelint(document: TextDocument, config: TrustConfig): Relint {
  const filePath = uriToFilePath(document.uri);
  const languageId = normaliseLanguageId(document.languageId);
  return (text) => {
    const analysed = analyseDocument({ text, filePath, languageId, force: true }, config);
    if (!analysed || analysed.pending || analysed.skipped) return undefined;
    return validateDocument(analysed, config);
  };
}

/** Past this many applied fixes, "fix all" stops; running it again goes on. */
const MAX_FIX_ALL_STEPS = 25;

/**
 * The text after applying every preferred fix that does what it says, one at a time: after each,
 * the engine runs again on the result, and a fix is kept only when its finding is gone and no
 * syntax problem or duplicate key appeared. Fixes that are each right can clash (renaming "Efect"
 * and adding a missing "Effect" both make an Effect), which re-running after each one catches.
 */
export function fixAllText(text: string, findings: readonly Finding[], relint: Relint): string {
  let current = text;
  let currentFindings = findings;
  const refused = new Set<string>();
  for (let step = 0; step < MAX_FIX_ALL_STEPS; step++) {
    const candidates = currentFindings
      .map((finding) => ({ finding, fix: finding.fixes.find((f) => f.preferred) }))
      .filter(({ finding, fix }) => fix && fix.edits.length > 0 && !refused.has(fixKey(finding, fix)));
    // Corrections in place first: renaming a misspelt "Efect" also ends "Effect is missing",
    // whereas adding the missing one first would leave the misspelt one behind.
    const next = candidates.find(({ fix }) => isInPlace(fix!)) ?? candidates[0];
    if (!next) break;
    const fix = next.fix!;
    const candidate = applyEdits(current, fix.edits);
    const after = relint(candidate);
    if (!after) break;
    if (fixWorked(next.finding, fix, currentFindings, after)) {
      current = candidate;
      currentFindings = after;
    } else refused.add(fixKey(next.finding, fix));
  }
  return current;
}

function isInPlace(fix: Fix): boolean {
  return fix.edits.every((e) => e.span.length > 0 && e.newText !== '');
}

function fixKey(finding: Finding, fix: Fix): string {
  return `${finding.ruleId}\0${finding.message}\0${fix.title}`;
}

/** Rules whose findings mean the document itself is broken: a fix must never add to them. */
const DOCUMENT_BREAKAGE = ['json-syntax', 'duplicate-key'];

/** The fix removed its finding and broke nothing (see fixAllText). */
export function fixWorked(finding: Finding, fix: Fix, before: readonly Finding[], after: readonly Finding[]): boolean {
  const count = (list: readonly Finding[], id: string) => list.filter((f) => f.ruleId === id).length;
  if (DOCUMENT_BREAKAGE.some((id) => count(after, id) > count(before, id))) return false;
  return remainingFinding(finding, fix.edits, after) === undefined;
}

/**
 * The finding as the rule still reports it after the edits, where it was; undefined when it is
 * gone. One that turned into a hint says the risk is now narrowed (principal-any after the org
 * condition), which counts as gone.
 */
export function remainingFinding(finding: Finding, edits: readonly TextEdit[], after: readonly Finding[]): Finding | undefined {
  const start = mapOffset(finding.span.offset, edits, 'start');
  const end = mapOffset(spanEnd(finding.span), edits, 'end');
  return after.find((f) => f.ruleId === finding.ruleId && overlaps(f.span, start, end) && !(f.severity === 'hint' && finding.severity !== 'hint'));
}

/**
 * Where an offset of the original text ends up after the edits. An offset inside a replaced range
 * goes to that range's bounds; text inserted right at the offset counts as inside the range that
 * ends there (the widest reading, so a finding that moved along is still seen).
 */
export function mapOffset(offset: number, edits: readonly TextEdit[], side: 'start' | 'end'): number {
  let shift = 0;
  for (const e of [...edits].sort((a, b) => a.span.offset - b.span.offset)) {
    const end = spanEnd(e.span);
    if (end < offset || (end === offset && (e.span.length > 0 || side === 'end'))) {
      shift += e.newText.length - e.span.length;
      continue;
    }
    if (e.span.offset < offset) return e.span.offset + shift + (side === 'start' ? 0 : e.newText.length);
    break;
  }
  return offset + shift;
}

function overlaps(span: Span, start: number, end: number): boolean {
  if (span.length === 0 || start === end) return span.offset >= start && span.offset <= end;
  return span.offset < end && start < spanEnd(span);
}

/** One edit from `before` to `after`: the part between their common beginning and common end. */
export function differenceEdit(before: string, after: string): TextEdit {
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before[start] === after[start]) start++;
  let end = 0;
  while (end < shortest - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { span: { offset: start, length: before.length - end - start }, newText: after.slice(start, after.length - end) };
}

function workspaceEdit(document: TextDocument, edits: readonly TextEdit[]): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = edits.map((e) => ({ range: spanToRange(document, e.span), newText: e.newText }));
  return { changes: { [document.uri]: lspEdits } };
}

/** Applies fix edits (offsets on one text, not overlapping) to that text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.span.offset - a.span.offset)) {
    out = out.slice(0, edit.span.offset) + edit.newText + out.slice(spanEnd(edit.span));
  }
  return out;
}
