import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Span } from '../model/ast';
import { ConfigProblem, LoadedConfigFile, Severity, TrustConfig } from '../config';
import { analyseDocument } from '../documents';
import { validateDocument } from '../validation';
import { Finding } from '../rules/types';

/**
 * Diagnostics of a document: the engine's findings as LSP diagnostics. Plain inputs in, LSP types
 * out; the transport lives in server.ts.
 */

export const DIAGNOSTIC_SOURCE = 'iam-trust';

/** The code of problems in a `.iam-trust.json` (not a rule: it cannot be turned off). */
export const CONFIG_INVALID_CODE = 'config-invalid';

/** Carried on each finding's diagnostic, so a code action can find the finding and its fixes. */
export interface FindingDiagnosticData {
  ruleId: string;
  /** Index into the findings of the document version the diagnostic was computed for. */
  findingIndex: number;
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  return LSP_SEVERITY[severity] ?? DiagnosticSeverity.Error;
}

/**
 * The `docs/rules` folder that ships beside the running code: `dist/server.js` → `../docs/rules`
 * in the repository and in the VSIX; `out/server/src/features` → four levels up for tests.
 */
export function findRulesDocsRoot(startDir: string = __dirname): string {
  let dir = startDir;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.resolve(startDir, '..', 'docs', 'rules');
}

/** A file: URI of the rule's docs page: opens offline, in the repository and in the VSIX. */
const docsHrefs = new Map<string, string>();

/** The docs page of a rule as a file: URI; one per rule and root (a large file has thousands of findings). */
export function ruleDocsHref(ruleId: string, docsRoot: string): string {
  const key = `${docsRoot}\0${ruleId}`;
  let href = docsHrefs.get(key);
  if (href === undefined) {
    href = pathToFileURL(path.join(docsRoot, `${ruleId}.md`)).href;
    docsHrefs.set(key, href);
  }
  return href;
}

export function spanToRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.offset), end: document.positionAt(span.offset + span.length) };
}

const START_OF_FILE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function findingToDiagnostic(finding: Finding, findingIndex: number, document: TextDocument, docsRoot: string): Diagnostic {
  const data: FindingDiagnosticData = { ruleId: finding.ruleId, findingIndex };
  return {
    range: spanToRange(document, finding.span),
    severity: toLspSeverity(finding.severity),
    code: finding.ruleId,
    codeDescription: { href: ruleDocsHref(finding.ruleId, docsRoot) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
}

/** Problems of a `.iam-trust.json`, on that file's own text. */
export function configProblemDiagnostics(document: TextDocument, problems: ConfigProblem[]): Diagnostic[] {
  return problems.map((p) => ({
    range: spanToRange(document, p.span),
    severity: DiagnosticSeverity.Error,
    code: CONFIG_INVALID_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: `${p.message}. IAM Trust ignores this value and uses the default or the editor setting.`,
  }));
}

/** One line on a policy whose configuration file is broken, so the user knows why rules behave oddly. */
export function brokenConfigDiagnostic(configFile: LoadedConfigFile): Diagnostic {
  const shown = configFile.problems.slice(0, 3).map((p) => p.message);
  const more = configFile.problems.length > shown.length ? ` (and ${configFile.problems.length - shown.length} more)` : '';
  return {
    range: START_OF_FILE,
    severity: DiagnosticSeverity.Warning,
    code: CONFIG_INVALID_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: `The configuration file ${configFile.file} has problems: ${shown.join('; ')}${more}. Its valid settings still apply; open it to fix the rest.`,
  };
}

export interface DocumentDiagnosticsInput {
  document: TextDocument;
  /** The file system path, when the document has one (globs and config lookup use it). */
  filePath?: string;
  /** Normalised language id: json, jsonc, yaml, terraform, hcl. */
  languageId?: string;
  config: TrustConfig;
  /** The `.iam-trust.json` that applies, when it has problems worth a line on the policy. */
  configFile?: LoadedConfigFile;
  docsRoot: string;
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface DocumentDiagnostics {
  diagnostics: Diagnostic[];
  /** In the order of `FindingDiagnosticData.findingIndex`; they keep their fixes for code actions. */
  findings: Finding[];
  /** False when the document holds no trust policy: it gets no diagnostics at all. */
  isTrustPolicy: boolean;
  /**
   * Set while the parser the file needs is still loading (Terraform's WebAssembly at start-up):
   * nothing is known yet; compute again once it resolves.
   */
  pending?: Promise<void>;
}

export function computeDocumentDiagnostics(input: DocumentDiagnosticsInput): DocumentDiagnostics {
  const { document, config } = input;
  const analysed = analyseDocument({ text: document.getText(), filePath: input.filePath, languageId: input.languageId }, config);
  if (!analysed) return { diagnostics: [], findings: [], isTrustPolicy: false };
  if (analysed.pending) return { diagnostics: [], findings: [], isTrustPolicy: false, pending: analysed.pending };

  const diagnostics: Diagnostic[] = [];
  if (input.configFile && input.configFile.problems.length > 0) diagnostics.push(brokenConfigDiagnostic(input.configFile));
  if (analysed.skipped) {
    diagnostics.push({ range: START_OF_FILE, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, message: analysed.skipped });
    return { diagnostics, findings: [], isTrustPolicy: true };
  }
  const findings = validateDocument(analysed, config, { onRuleError: input.onRuleError, suppressionFixes: true });
  findings.forEach((f, i) => diagnostics.push(findingToDiagnostic(f, i, document, input.docsRoot)));
  return { diagnostics, findings, isTrustPolicy: true };
}
