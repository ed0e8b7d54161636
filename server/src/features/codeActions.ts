import { CodeAction, CodeActionContext, CodeActionKind, Diagnostic, Range, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Span, spanEnd } from '../model/ast';
import { Finding, TextEdit } from '../rules/types';
import { TrustConfig } from '../config';
import { FindingDiagnosticData, findingToDiagnostic, findRulesDocsRoot, spanToRange } from './diagnostics';
import { differenceEdit, DocumentEngine, fixAllText } from './fixAll';

export { applyEdits } from './fixAll';

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
  /** The document's configuration: fixes are tried on the text with it, and "fix all" needs it. */
  config?: TrustConfig;
}

/**
 * Quick fixes for the findings the client's diagnostics point at, and for those under the
 * requested range (clients that send no diagnostics in the context); then "fix all" when the
 * client asks for source actions. With the configuration, each fix is first tried on the text and
 * left out when it would break the document.
 */
export async function provideCodeActions(input: CodeActionInput): Promise<CodeAction[]> {
  const { document, findings, context } = input;
  if (!findings || findings.length === 0) return [];
  const candidates = wants(context, CodeActionKind.QuickFix) ? findingsInRequest(input, findings) : [];
  const fixAllAsked = context.only?.some((k) => covers(k, FIX_ALL_KIND)) === true;
  // The cursor moves often: the document is parsed again only when there is something to try.
  if (candidates.length === 0 && !fixAllAsked) return [];
  const engine = input.config ? await DocumentEngine.load(document, input.config) : undefined;
  const actions: CodeAction[] = [];
  for (const { finding, diagnostic } of candidates) {
    for (const fix of finding.fixes) {
      if (engine && !engine.keepsDocumentValid(fix.edits)) continue;
      const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(document, fix.edits) };
      if (fix.preferred) action.isPreferred = true;
      actions.push(action);
    }
  }
  // Fix all runs the engine once per fix: only when asked for by kind (the Source Action menu,
  // codeActionsOnSave), not on every move of the cursor.
  if (engine && fixAllAsked && findings.some((f) => f.fixes.some((x) => x.preferred))) {
    const text = document.getText();
    const fixedText = fixAllText(text, findings, engine.lint);
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
    if (index !== undefined && findings[index].fixes.length > 0 && !chosen.has(index)) chosen.set(index, diagnostic);
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

function workspaceEdit(document: TextDocument, edits: readonly TextEdit[]): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = edits.map((e) => ({ range: spanToRange(document, e.span), newText: e.newText }));
  return { changes: { [document.uri]: lspEdits } };
}

