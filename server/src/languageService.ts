import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME, findConfigFile, LoadedConfigFile, loadConfigFile, mergeConfig, parseConfigText, TrustConfig } from './config';
import { Finding } from './rules/types';
import { configProblemDiagnostics, findRulesDocsRoot } from './features/diagnostics';
import { Analyser, analyseInProcess } from './analysisWorker';

/**
 * The language service: everything the server does for a document, without the transport.
 * server.ts feeds it documents and settings and publishes what it returns; later features
 * (completion, hover, code actions) read the findings it keeps.
 */

/** The file system path of a `file:` URI; undefined for `untitled:` and other schemes. */
export function uriToFilePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * The language id handed to the engine, from what editors call it: VS Code says `terraform`,
 * Helix `hcl`, Neovim may send compound filetypes such as `yaml.cloudformation`.
 */
export function normaliseLanguageId(languageId: string): string | undefined {
  const id = languageId.toLowerCase();
  if (id.includes('jsonc')) return 'jsonc';
  if (id.includes('json')) return 'json';
  if (id.includes('yaml') || id === 'yml' || id.includes('cloudformation')) return 'yaml';
  if (id.includes('terraform') || id === 'tf' || id.includes('hcl')) return 'terraform';
  return undefined;
}

/**
 * Documents that cannot hold a trust policy (Markdown, code) are never analysed. A file with one
 * of our extensions is, whatever the editor calls it (a `plaintext` .tftpl template).
 */
export function mayHoldPolicies(languageId: string, filePath: string | undefined): boolean {
  return normaliseLanguageId(languageId) !== undefined || (filePath !== undefined && /\.(jsonc?|ya?ml|tf|tpl|tftpl)$/i.test(filePath));
}

export function isConfigFile(filePath: string | undefined): boolean {
  return filePath !== undefined && path.basename(filePath) === CONFIG_FILE_NAME;
}

/**
 * `.iam-trust.json` lookups and loads, cached until `invalidate()` (a watched-file event or a save
 * of a config file). Lookups walk the folders upward like ESLint's.
 */
export class ConfigFiles {
  private readonly foundByDir = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, LoadedConfigFile>();

  find(dir: string): string | undefined {
    if (this.foundByDir.has(dir)) return this.foundByDir.get(dir);
    const found = findConfigFile(dir);
    this.foundByDir.set(dir, found);
    return found;
  }

  load(file: string): LoadedConfigFile {
    let config = this.loaded.get(file);
    if (!config) {
      config = loadConfigFile(file);
      this.loaded.set(file, config);
    }
    return config;
  }

  invalidate(): void {
    this.foundByDir.clear();
    this.loaded.clear();
  }
}

export interface ResolvedConfig {
  config: TrustConfig;
  /** The `.iam-trust.json` that applies, if any. */
  configFile?: LoadedConfigFile;
}

/**
 * Sent after each analysis whose verdict changed: does this document hold trust policies? The
 * VS Code status bar shows a check mark for a recognised policy that has no problems left.
 */
export const DOCUMENT_STATUS_NOTIFICATION = 'iamTrust/documentStatus';

export interface DocumentStatusParams {
  uri: string;
  trustPolicy: boolean;
}

export interface DocumentValidation {
  uri: string;
  version: number;
  diagnostics: Diagnostic[];
  findings: Finding[];
  /** The document holds trust policies (false for config files and files that are not ours). */
  isTrustPolicy: boolean;
  /** The parser the document needs is loading: publish nothing, validate again when it resolves. */
  pending?: Promise<void>;
  /** The config file the document used (for publishing that file's own problems). */
  configFile?: LoadedConfigFile;
}

export interface LanguageServiceOptions {
  log: (message: string) => void;
  /** Where the rule docs live; found beside the running code by default. */
  docsRoot?: string;
  /** Runs the engine; in this thread by default, in a worker thread in the server. */
  analyse?: Analyser;
}

export class TrustLanguageService {
  readonly configFiles = new ConfigFiles();
  private readonly docsRoot: string;
  private readonly findingsByUri = new Map<string, { version: number; findings: Finding[] }>();

  constructor(private readonly options: LanguageServiceOptions) {
    this.docsRoot = options.docsRoot ?? findRulesDocsRoot();
  }

  /** Defaults ← nearest `.iam-trust.json` above the file ← editor settings. */
  resolveConfig(filePath: string | undefined, settings: Partial<TrustConfig>): ResolvedConfig {
    const file = filePath ? this.configFiles.find(path.dirname(filePath)) : undefined;
    const configFile = file ? this.configFiles.load(file) : undefined;
    return { config: mergeConfig(configFile?.config ?? {}, settings), configFile };
  }

  /**
   * Diagnostics for an open document: a policy's findings, a config file's own problems, or
   * nothing for files that are not ours. Undefined when a newer version superseded this one.
   * Never rejects: an engine bug is logged and the document gets no diagnostics rather than stale ones.
   */
  async validate(document: TextDocument, settings: Partial<TrustConfig>): Promise<DocumentValidation | undefined> {
    const { uri, version } = document;
    const filePath = uriToFilePath(uri);
    const result: DocumentValidation = { uri, version, diagnostics: [], findings: [], isTrustPolicy: false };
    try {
      if (isConfigFile(filePath)) {
        result.diagnostics = configProblemDiagnostics(document, parseConfigText(document.getText(), filePath!).problems);
        return result;
      }
      if (!mayHoldPolicies(document.languageId, filePath)) return result;
      const { config, configFile } = this.resolveConfig(filePath, settings);
      const analyse = this.options.analyse ?? ((request) => Promise.resolve(analyseInProcess(request)));
      const analysed = await analyse({ uri, version, text: document.getText(), languageId: normaliseLanguageId(document.languageId), filePath, config, configFile, docsRoot: this.docsRoot });
      if (!analysed) return undefined;
      for (const error of analysed.ruleErrors) this.options.log(`IAM Trust: ${error} (in ${uri})`);
      result.diagnostics = analysed.diagnostics;
      result.findings = analysed.findings;
      result.isTrustPolicy = analysed.isTrustPolicy;
      result.pending = analysed.pending;
      if (analysed.isTrustPolicy) result.configFile = configFile;
    } catch (e) {
      this.options.log(`IAM Trust: analysis of ${uri} failed: ${describeError(e)}`);
    }
    this.findingsByUri.set(uri, { version, findings: result.findings });
    return result;
  }

  /** Problems of a config file that is not open, from disk (shown while a policy uses it). */
  configFileDiagnostics(configFile: LoadedConfigFile): Diagnostic[] {
    if (configFile.problems.length === 0) return [];
    let text = '';
    try {
      text = fs.readFileSync(configFile.file, 'utf8');
    } catch {
      // Unreadable: the problem itself says so, at 0:0.
    }
    return configProblemDiagnostics(TextDocument.create('file:', 'json', 0, text), configFile.problems);
  }

  /** The findings behind the diagnostics of this exact document version (for code actions). */
  findings(uri: string, version: number): Finding[] | undefined {
    const stored = this.findingsByUri.get(uri);
    return stored && stored.version === version ? stored.findings : undefined;
  }

  forget(uri: string): void {
    this.findingsByUri.delete(uri);
  }
}

export function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/**
 * Runs a per-document job after a quiet period; a newer request for the same document replaces
 * the pending one, and a running job can ask whether it has been superseded.
 */
export class DebouncedRunner {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();

  constructor(private readonly run: (key: string, isCurrent: () => boolean) => Promise<void>) {}

  schedule(key: string, delayMs: number): void {
    this.cancel(key);
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const timer = setTimeout(() => {
      this.pending.delete(key);
      void this.run(key, () => this.generations.get(key) === generation);
    }, delayMs);
    this.pending.set(key, timer);
  }

  /** Drops the pending job and marks a running one as superseded. */
  cancel(key: string): void {
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
