import { ChildProcess, fork, spawn } from 'child_process';
import * as path from 'path';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import {
  ClientCapabilities,
  CompletionItem,
  CompletionList,
  Diagnostic,
  FileEvent,
  InitializeResult,
  LogMessageParams,
  PublishDiagnosticsParams,
  Registration,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

/**
 * A small LSP client for the suites that drive the bundled server (`dist/server.js`) as an editor
 * would: a real child process, real JSON-RPC over stdio (or Node IPC). Diagnostics suites,
 * and later completion, hover and code-action suites, share it.
 */

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_PATH = path.join(REPO_ROOT, 'dist', 'server.js');

/** Generous: the machine is shared; the server answers in milliseconds when healthy. */
export const DEFAULT_TIMEOUT_MS = 8000;

export interface StartOptions {
  transport?: 'stdio' | 'ipc';
  /** Answer `workspace/configuration` (default true). */
  configurationCapability?: boolean;
  /** Advertise dynamic registration of watched files (default true). */
  watchedFilesRegistration?: boolean;
  initializationOptions?: unknown;
  /** The `iamTrust` settings the client answers with; mutable through `client.settings`. */
  settings?: Record<string, unknown>;
  rootUri?: string;
  /** Extra client capabilities for feature suites (completion, hover...). */
  capabilities?: ClientCapabilities;
}

/** Values that arrive over time, and promises for the next one that satisfies a predicate. */
class Arrivals<T> {
  readonly all: T[] = [];
  private readonly waiters: { predicate: (value: T) => boolean; resolve: (value: T) => void }[] = [];

  push(value: T): void {
    this.all.push(value);
    for (const w of [...this.waiters]) {
      if (!w.predicate(value)) continue;
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(value);
    }
  }

  /** The next value (from now on, or already here when `includePast`) that satisfies `predicate`. */
  next(predicate: (value: T) => boolean, what: string, timeoutMs: number, detail?: () => string, includePast = false): Promise<T> {
    const past = includePast ? this.all.find(predicate) : undefined;
    if (past !== undefined) return Promise.resolve(past);
    return withTimeout(new Promise<T>((resolve) => this.waiters.push({ predicate, resolve })), what, timeoutMs, detail);
  }
}

export interface ReceivedNotification {
  method: string;
  params: unknown;
}

export class TestLanguageClient {
  /** Answered to every `workspace/configuration` item of section `iamTrust`. */
  settings: Record<string, unknown>;
  readonly logs: string[] = [];
  /** Every notification from the server, in arrival order. */
  readonly notifications = new Arrivals<ReceivedNotification>();
  readonly registrations = new Arrivals<Registration>();
  configurationRequests = 0;
  stderr = '';
  initializeResult?: InitializeResult;
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
    process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification((method: string, params: unknown) => {
      if (method === 'window/logMessage') this.logs.push((params as LogMessageParams).message);
      this.notifications.push({ method, params });
    });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
      this.configurationRequests++;
      return p.items.map((item) => (item.section === 'iamTrust' ? this.settings : null));
    });
    connection.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
      for (const r of p.registrations) this.registrations.push(r);
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<TestLanguageClient> {
    let child: ChildProcess;
    let connection: MessageConnection;
    if (options.transport === 'ipc') {
      child = fork(SERVER_PATH, ['--node-ipc'], { silent: true });
      connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    }
    const client = new TestLanguageClient(child, connection, options);
    const capabilities: ClientCapabilities = {
      ...options.capabilities,
      workspace: {
        configuration: options.configurationCapability ?? true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: options.watchedFilesRegistration ?? true },
        ...options.capabilities?.workspace,
      },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        ...options.capabilities?.textDocument,
      },
    };
    client.initializeResult = await withTimeout(
      connection.sendRequest<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: options.rootUri ?? null,
        capabilities,
        initializationOptions: options.initializationOptions,
      }),
      'initialize',
    );
    await connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, text: string, languageId = 'json', version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Tells the server the settings changed (it re-asks with workspace/configuration). */
  async changeConfiguration(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  async changeWatchedFiles(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /**
   * The next diagnostics for `uri` (published from now on) that satisfy `predicate`. Call it
   * before the action that triggers them, and await it after.
   */
  nextDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<PublishDiagnosticsParams> {
    const matches = (n: ReceivedNotification) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishDiagnosticsParams).uri === uri && predicate(n.params as PublishDiagnosticsParams);
    return this.nextNotification(matches, `diagnostics for ${uri}`, timeoutMs).then((n) => n.params as PublishDiagnosticsParams);
  }

  /** The next notification (from now on) that satisfies `predicate`, e.g. a custom `iamTrust/...` one. */
  nextNotification(predicate: (n: ReceivedNotification) => boolean, what = 'a notification', timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ReceivedNotification> {
    return this.notifications.next(predicate, what, timeoutMs, () => `server stderr: ${this.stderr.slice(-2000)}; logs: ${this.logs.slice(-5).join(' | ')}`);
  }

  /** Every diagnostics notification so far, in arrival order. */
  get published(): PublishDiagnosticsParams[] {
    return this.notifications.all.filter((n) => n.method === 'textDocument/publishDiagnostics').map((n) => n.params as PublishDiagnosticsParams);
  }

  /** Opens a document and waits for the diagnostics of that version. */
  async openAndWait(uri: string, text: string, languageId = 'json', version = 1): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri, (p) => p.version === version);
    await this.open(uri, text, languageId, version);
    return (await published).diagnostics;
  }

  /** Changes a document and waits for the diagnostics of the new version. */
  async changeAndWait(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri, (p) => p.version === version);
    await this.change(uri, version, changes);
    return (await published).diagnostics;
  }

  /** The server's dynamic registration of `method` (it registers after `initialized`). */
  registration(method: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Registration> {
    return this.registrations.next((r) => r.method === method, `registration of ${method}`, timeoutMs, undefined, true);
  }

  lastDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  /** The completion items at a position, whichever form (list or array) the server answers with. */
  async completion(uri: string, position: { line: number; character: number }): Promise<CompletionItem[]> {
    const result = await withTimeout(
      this.connection.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position }),
      'completion',
    );
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
  }

  /**
   * Proves the server is alive and reading its input: any answer to a request counts, including
   * "method not found".
   */
  async roundTrip(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    await withTimeout(
      this.connection.sendRequest('iamTrust/roundTrip').then(
        () => undefined,
        () => undefined,
      ),
      'a round trip to the server',
      timeoutMs,
    );
  }

  /** shutdown + exit, as an editor closes the server; resolves with the exit code. */
  async shutdown(): Promise<number | null> {
    if (this.process.exitCode !== null) return this.process.exitCode;
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 'shutdown', 3000);
      await this.connection.sendNotification('exit');
      return await withTimeout(this.exited, 'exit', 3000);
    } finally {
      this.connection.dispose();
      if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill();
    }
  }
}

export function withTimeout<T>(promise: Promise<T>, what: string, timeoutMs = DEFAULT_TIMEOUT_MS, detail?: () => string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail ? `; ${detail()}` : ''}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The offset of the n-th occurrence of `needle`, failing loudly when the fixture changed. */
export function offsetOf(text: string, needle: string, occurrence = 0): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`Fixture does not contain ${JSON.stringify(needle)} (occurrence ${occurrence})`);
  }
  return at;
}

/** Zero-based LSP position of an offset (UTF-16, \n line ends as in the fixtures). */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The LSP range of the n-th occurrence of `needle`. */
export function rangeOf(text: string, needle: string, occurrence = 0) {
  const start = offsetOf(text, needle, occurrence);
  return { start: positionAt(text, start), end: positionAt(text, start + needle.length) };
}
