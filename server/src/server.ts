import { pathToFileURL } from 'url';
import {
  CodeAction,
  CodeActionParams,
  CodeLens,
  CodeLensParams,
  CompletionList,
  CompletionParams,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  Hover,
  HoverParams,
  InitializeParams,
  InitializeResult,
  ProposedFeatures,
  ServerCapabilities,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isMainThread, workerData } from 'worker_threads';
import { CONFIG_FILE_NAME, LoadedConfigFile, TrustConfig } from './config';
import { readClientSettings, SETTINGS_SECTION, unwrapPushedSettings } from './settings';
import {
  DebouncedRunner,
  describeError,
  DOCUMENT_STATUS_NOTIFICATION,
  DocumentStatusParams,
  isConfigFile,
  TrustLanguageService,
  uriToFilePath,
} from './languageService';
import { COMPLETION_TRIGGER_CHARACTERS, provideCompletions } from './features/completion';
import { provideHover } from './features/hover';
import { CODE_ACTION_KINDS, provideCodeActions } from './features/codeActions';
import { provideCodeLenses } from './features/codeLens';
import { ANALYSIS_WORKER_DATA, AnalysisWorker, serveAnalysisRequests } from './analysisWorker';

/**
 * The language server: wires the LSP connection to the language service and nothing else.
 * Transport from argv: `--stdio` (Neovim, Helix, Zed, the tests), `--node-ipc` (the VS Code
 * client), `--socket=<port>`, `--pipe=<name>`.
 */

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

/** Quiet period after the last keystroke before a document is analysed again. */
const CHANGE_DEBOUNCE_MS = 150;
/** A client that never answers `workspace/configuration` must not stall diagnostics. */
const SETTINGS_TIMEOUT_MS = 5000;

/** The server's main thread: the connection, documents, settings and publishing. */
function startLanguageServer(): void {
  if (!process.argv.some((a) => TRANSPORT_FLAGS.some((f) => a === f || a.startsWith(`${f}=`)))) {
    process.stderr.write('IAM Trust language server. Start it from an editor with: node dist/server.js --stdio\n');
    process.exit(2);
  }

  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const log = (message: string): void => connection.console.log(message);
  const logError = (message: string): void => connection.console.error(message);
  const analysisWorker = new AnalysisWorker(__filename, logError);
  const service = new TrustLanguageService({ log: logError, analyse: analysisWorker.analyse });

  const client = { configuration: false, watchedFilesRegistration: false, configurationRegistration: false };
  /** Settings the client pushed (initializationOptions, didChangeConfiguration) when it cannot be asked. */
  let pushedSettings: Partial<TrustConfig> = {};
  const settingsByUri = new Map<string, Promise<Partial<TrustConfig>>>();

  /** Handlers never throw into the connection: a bug is logged and the server keeps serving. */
  function guard<A extends unknown[]>(name: string, handler: (...args: A) => void | Promise<void>): (...args: A) => void {
    return (...args: A) => {
      try {
        const result = handler(...args);
        if (result instanceof Promise) result.catch((e) => logError(`IAM Trust: ${name} failed: ${describeError(e)}`));
      } catch (e) {
        logError(`IAM Trust: ${name} failed: ${describeError(e)}`);
      }
    };
  }

  function publish(uri: string, diagnostics: Diagnostic[], version?: number): void {
    connection.sendDiagnostics({ uri, version, diagnostics }).catch((e) => logError(`IAM Trust: publishing diagnostics failed: ${describeError(e)}`));
  }

  // ── Configuration ────────────────────────────────────────────────────────────────────────────

  function fetchSettings(uri: string): Promise<Partial<TrustConfig>> {
    const asked = connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
      (raw) => readClientSettings(raw, log),
      (e) => {
        logError(`IAM Trust: could not read the ${SETTINGS_SECTION} settings: ${describeError(e)}`);
        return pushedSettings;
      },
    );
    const fallback = new Promise<Partial<TrustConfig>>((resolve) => setTimeout(() => resolve(pushedSettings), SETTINGS_TIMEOUT_MS).unref());
    return Promise.race([asked, fallback]);
  }

  function settingsFor(uri: string): Promise<Partial<TrustConfig>> {
    if (!client.configuration) return Promise.resolve(pushedSettings);
    let settings = settingsByUri.get(uri);
    if (!settings) {
      settings = fetchSettings(uri);
      settingsByUri.set(uri, settings);
    }
    return settings;
  }

  // ── Validation ───────────────────────────────────────────────────────────────────────────────

  /** The config file each open policy uses, and the not-open config files whose problems we show. */
  const configFileOfUri = new Map<string, LoadedConfigFile | undefined>();
  const publishedConfigFiles = new Map<string, LoadedConfigFile>();

  /**
   * A broken `.iam-trust.json` that a policy uses gets its problems shown even when it is not open.
   * Open config files are validated from their live text instead.
   */
  function publishReferencedConfigProblems(): void {
    const wanted = new Map<string, LoadedConfigFile>();
    for (const configFile of configFileOfUri.values()) {
      if (configFile && configFile.problems.length > 0) wanted.set(pathToFileURL(configFile.file).href, configFile);
    }
    for (const [uri, configFile] of wanted) {
      if (documents.get(uri) || publishedConfigFiles.get(uri) === configFile) continue;
      publish(uri, service.configFileDiagnostics(configFile));
      publishedConfigFiles.set(uri, configFile);
    }
    for (const uri of [...publishedConfigFiles.keys()]) {
      if (wanted.has(uri)) continue;
      publishedConfigFiles.delete(uri);
      if (!documents.get(uri)) publish(uri, []);
    }
  }

  /** The last verdict sent per document, so the status notification goes out only on change. */
  const trustPolicyByUri = new Map<string, boolean>();

  function sendDocumentStatus(uri: string, trustPolicy: boolean): void {
    if (trustPolicyByUri.get(uri) === trustPolicy) return;
    trustPolicyByUri.set(uri, trustPolicy);
    const params: DocumentStatusParams = { uri, trustPolicy };
    connection.sendNotification(DOCUMENT_STATUS_NOTIFICATION, params).catch((e) => logError(`IAM Trust: sending the document status failed: ${describeError(e)}`));
  }

  async function validate(uri: string, isCurrent: () => boolean): Promise<void> {
    try {
      if (!documents.get(uri)) return;
      const settings = await settingsFor(uri);
      const document = documents.get(uri);
      // A newer edit scheduled its own run; this result would be stale.
      if (!document || !isCurrent()) return;
      const result = await service.validate(document, settings);
      if (!result || !isCurrent()) return;
      if (result.pending) {
        // Terraform before its parser has loaded: nothing to say yet, not even "no problems".
        result.pending.then(() => isCurrent() && runner.schedule(uri, 0)).catch((e) => logError(`IAM Trust: ${describeError(e)}`));
        return;
      }
      publish(uri, result.diagnostics, result.version);
      sendDocumentStatus(uri, result.isTrustPolicy);
      configFileOfUri.set(uri, result.configFile);
      if (isConfigFile(uriToFilePath(uri))) publishedConfigFiles.delete(uri);
      publishReferencedConfigProblems();
    } catch (e) {
      logError(`IAM Trust: validating ${uri} failed: ${describeError(e)}`);
    }
  }

  const runner = new DebouncedRunner(validate);

  function revalidateAll(): void {
    for (const document of documents.all()) runner.schedule(document.uri, 0);
  }

  /** Reloaded configs are new objects: the next publishReferencedConfigProblems re-sends or clears them. */
  function configurationFilesChanged(): void {
    service.configFiles.invalidate();
    revalidateAll();
  }

  // ── Capabilities and handlers ────────────────────────────────────────────────────────────────

  /**
   * What the server offers; each provider's handler is in registerFeatureHandlers. Code actions
   * (features/codeActions.ts) read service.findings for the fixes.
   */
  function serverCapabilities(): ServerCapabilities {
    return {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
      codeLensProvider: { resolveProvider: false },
    };
  }

  /** A request handler that answers `fallback` for unknown documents and on any error, never throwing. */
  function documentRequest<P extends { textDocument: { uri: string } }, R>(name: string, fallback: R, handler: (document: TextDocument, params: P, config: TrustConfig) => R | Promise<R>) {
    return async (params: P): Promise<R> => {
      try {
        const document = documents.get(params.textDocument.uri);
        if (!document) return fallback;
        const config = await configFor(document.uri);
        return await handler(document, params, config);
      } catch (e) {
        logError(`IAM Trust: ${name} failed: ${describeError(e)}`);
        return fallback;
      }
    };
  }

  /** The configuration a feature handler needs for a document (same resolution as diagnostics). */
  async function configFor(uri: string): Promise<TrustConfig> {
    return service.resolveConfig(uriToFilePath(uri), await settingsFor(uri)).config;
  }

  function registerFeatureHandlers(): void {
    connection.onCompletion(
      documentRequest<CompletionParams, CompletionList | null>('completion', null, (document, params, config) => provideCompletions(document, params.position, config)),
    );
    connection.onHover(documentRequest<HoverParams, Hover | null>('hover', null, (document, params, config) => provideHover(document, params.position, config)));
    connection.onCodeLens(documentRequest<CodeLensParams, CodeLens[]>('code lens', [], (document, _params, config) => provideCodeLenses(document, config)));
    connection.onCodeAction(
      documentRequest<CodeActionParams, CodeAction[]>('code actions', [], (document, params, config) =>
        provideCodeActions({ document, findings: service.findings(document.uri, document.version), range: params.range, context: params.context, config }),
      ),
    );
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    client.configuration = capabilities.workspace?.configuration === true;
    client.watchedFilesRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    client.configurationRegistration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    try {
      const options = params.initializationOptions as { settings?: unknown } | undefined;
      pushedSettings = readClientSettings(unwrapPushedSettings(options?.settings ?? options), log);
    } catch (e) {
      logError(`IAM Trust: ignoring initializationOptions: ${describeError(e)}`);
    }
    registerFeatureHandlers();
    return { capabilities: serverCapabilities(), serverInfo: { name: 'iam-trust' } };
  });

  connection.onInitialized(
    guard('initialized', async () => {
      if (client.configurationRegistration) await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
      if (client.watchedFilesRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] });
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', (params) => {
      settingsByUri.clear();
      if (!client.configuration && params.settings !== undefined && params.settings !== null) {
        pushedSettings = readClientSettings(unwrapPushedSettings(params.settings), log);
      }
      revalidateAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', (params) => {
      if (params.changes.some((c) => uriToFilePath(c.uri)?.endsWith(CONFIG_FILE_NAME))) configurationFilesChanged();
    }),
  );

  /** didOpen also fires didChangeContent; the open itself is analysed at once, edits after a pause. */
  const justOpened = new Set<string>();

  documents.onDidOpen(
    guard('didOpen', ({ document }) => {
      justOpened.add(document.uri);
      runner.schedule(document.uri, 0);
    }),
  );

  documents.onDidChangeContent(
    guard('didChange', ({ document }) => {
      if (justOpened.delete(document.uri)) return;
      runner.schedule(document.uri, CHANGE_DEBOUNCE_MS);
    }),
  );

  documents.onDidSave(
    guard('didSave', ({ document }) => {
      // Clients without file watching still pick up an edited config when it is saved.
      if (isConfigFile(uriToFilePath(document.uri))) configurationFilesChanged();
    }),
  );

  documents.onDidClose(
    guard('didClose', ({ document }) => {
      const { uri } = document;
      runner.cancel(uri);
      justOpened.delete(uri);
      settingsByUri.delete(uri);
      configFileOfUri.delete(uri);
      trustPolicyByUri.delete(uri);
      service.forget(uri);
      publish(uri, []);
      publishReferencedConfigProblems();
    }),
  );

  connection.onShutdown(() => {
    runner.dispose();
    analysisWorker.dispose();
  });

  // The analysis thread loads the bundle and Terraform's WebAssembly parser while the client initializes.
  analysisWorker.warmUp();

  process.on('uncaughtException', (e) => logError(`IAM Trust: unexpected error: ${describeError(e)}`));
  process.on('unhandledRejection', (e) => logError(`IAM Trust: unexpected error: ${describeError(e)}`));

  documents.listen(connection);
  connection.listen();
}

// The same script runs the analysis worker thread (analysisWorker.ts): one bundle to ship.
if (isMainThread) startLanguageServer();
else if (workerData === ANALYSIS_WORKER_DATA) serveAnalysisRequests();
