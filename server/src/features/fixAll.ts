import { TextDocument } from 'vscode-languageserver-textdocument';
import { Span, spanEnd } from '../model/ast';
import { Finding, Fix, TextEdit } from '../rules/types';
import { TrustConfig } from '../config';
import { AnalysedDocument, analyseDocument, analyseDocumentAsync } from '../documents';
import { validateDocument } from '../validation';
import { normaliseLanguageId, uriToFilePath } from '../languageService';

/**
 * "Fix all" and the checks behind it: the engine run again on a document's edited text, so that
 * fixes are applied one after the other and kept only when they do what they say.
 */

/** Runs the engine on a version of the document's text; undefined when it cannot (a parser still loading). */
export type Relint = (text: string) => Finding[] | undefined;

/**
 * The engine in this thread, on edited versions of an open document: the same config and language
 * as its diagnostics. Forced, since the document's findings show it holds trust policies.
 */
export class DocumentEngine {
  private readonly filePath: string | undefined;
  private readonly languageId: string | undefined;
  private readonly original: AnalysedDocument;

  private constructor(
    private readonly document: TextDocument,
    private readonly config: TrustConfig,
    original: AnalysedDocument,
  ) {
    this.filePath = uriToFilePath(document.uri);
    this.languageId = normaliseLanguageId(document.languageId);
    this.original = original;
  }

  /**
   * Loads the parser the document needs first (Terraform's WebAssembly, which hover also loads in
   * this thread); undefined when the document cannot be analysed.
   */
  static async load(document: TextDocument, config: TrustConfig): Promise<DocumentEngine | undefined> {
    const input = { text: document.getText(), filePath: uriToFilePath(document.uri), languageId: normaliseLanguageId(document.languageId), force: true };
    const analysed = await analyseDocumentAsync(input, config);
    return analysed && !analysed.pending && !analysed.skipped ? new DocumentEngine(document, config, analysed) : undefined;
  }

  analyse(text: string): AnalysedDocument | undefined {
    const analysed = analyseDocument({ text, filePath: this.filePath, languageId: this.languageId, force: true }, this.config);
    return analysed && !analysed.pending && !analysed.skipped ? analysed : undefined;
  }

  readonly lint: Relint = (text) => {
    const analysed = this.analyse(text);
    return analysed && validateDocument(analysed, this.config);
  };

  /**
   * Whether the edits leave the document as readable as it was: the same policies, no new syntax
   * problem. A rule's fix that is wrong in the document's format (JSON text in YAML, a bare word
   * in JSON inside a Terraform string) is caught here before a user sees it.
   */
  keepsDocumentValid(edits: readonly TextEdit[]): boolean {
    const after = this.analyse(applyEdits(this.document.getText(), edits));
    return after !== undefined && after.policies.length === this.original.policies.length && syntaxProblemCount(after) <= syntaxProblemCount(this.original);
  }
}

function syntaxProblemCount(analysed: AnalysedDocument): number {
  return analysed.policies.reduce((n, p) => n + p.syntaxProblems.length, 0);
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

/** Applies fix edits (offsets on one text, not overlapping) to that text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.span.offset - a.span.offset)) {
    out = out.slice(0, edit.span.offset) + edit.newText + out.slice(spanEnd(edit.span));
  }
  return out;
}
