import { parentPort, Worker } from 'worker_threads';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LoadedConfigFile, TrustConfig } from './config';
import { initParsers } from './documents';
import { documentKind } from './formats/kind';
import { Finding } from './rules/types';
import { computeDocumentDiagnostics, DIAGNOSTIC_SOURCE } from './features/diagnostics';

/**
 * Analysis off the server's main thread. Rules are synchronous and some inputs are expensive
 * (thousands of statements), so the server hands each analysis to a worker thread: typing,
 * completion and hover are answered while it runs, a newer version of a document replaces the
 * older job, and a job that runs away is stopped instead of freezing the editor.
 */

/** Everything an analysis needs, as plain data (it crosses to the worker by structured clone). */
export interface AnalysisRequest {
  uri: string;
  version: number;
  text: string;
  /** The engine's language id (json, jsonc, yaml, terraform), when the editor's one maps to it. */
  languageId?: string;
  filePath?: string;
  config: TrustConfig;
  configFile?: LoadedConfigFile;
  docsRoot: string;
}

export interface AnalysisResult {
  diagnostics: Diagnostic[];
  findings: Finding[];
  isTrustPolicy: boolean;
  /** In-process only: the parser is still loading; analyse again when it resolves. */
  pending?: Promise<void>;
  /** Rules that threw (isolated by validateDocument), for the log. */
  ruleErrors: string[];
}

/** Resolves undefined when a newer request for the same document superseded this one. */
export type Analyser = (request: AnalysisRequest) => Promise<AnalysisResult | undefined>;

export function analyseInProcess(request: AnalysisRequest): AnalysisResult {
  const ruleErrors: string[] = [];
  const document = TextDocument.create(request.uri, request.languageId ?? 'json', request.version, request.text);
  const computed = computeDocumentDiagnostics({
    document,
    filePath: request.filePath,
    languageId: request.languageId,
    config: request.config,
    configFile: request.configFile,
    docsRoot: request.docsRoot,
    onRuleError: (ruleId, e) => ruleErrors.push(`rule ${ruleId}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
  });
  return { ...computed, ruleErrors };
}

/** Marks the worker thread started by AnalysisWorker (the same script as the server). */
export const ANALYSIS_WORKER_DATA = 'iam-trust-analysis-worker';

type WorkerReply = { id: number; result: AnalysisResult } | { id: number; error: string };
/** Sent once by the worker when its parsers are loaded. */
type WorkerReady = { ready: true };

/** The worker thread's side: analyse what the server sends, once the parsers are loaded. */
export function serveAnalysisRequests(): void {
  const port = parentPort;
  if (!port) return;
  const parsersReady = initParsers();
  void parsersReady.then(() => port.postMessage({ ready: true } satisfies WorkerReady));
  port.on('message', async ({ id, request }: { id: number; request: AnalysisRequest }) => {
    await parsersReady;
    let reply: WorkerReply;
    try {
      // A promise cannot cross threads; with the parsers loaded there is none.
      const { pending: _pending, ...result } = analyseInProcess(request);
      reply = { id, result };
    } catch (e) {
      reply = { id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    port.postMessage(reply);
  });
}

export interface AnalysisLimits {
  /** A superseded job still running after this long is stopped (the worker restarts). */
  supersededMs: number;
  /** Any job running longer is stopped and the document gets a diagnostic saying so. */
  maxMs: number;
  /**
   * While the worker is still starting, documents up to this many characters are analysed in the
   * calling thread, so the first diagnostics after start-up do not wait for the thread.
   */
  inProcessWhileStartingChars: number;
}

const DEFAULT_LIMITS: AnalysisLimits = { supersededMs: 500, maxMs: 30_000, inProcessWhileStartingChars: 100_000 };

/** Small, and needing no parser that loads asynchronously (Terraform's WebAssembly). */
function quickInProcess(request: AnalysisRequest, maxChars: number): boolean {
  return request.text.length <= maxChars && documentKind(request.text, request.filePath, request.languageId) !== 'terraform';
}

interface Job {
  id: number;
  request: AnalysisRequest;
  resolve: (result: AnalysisResult | undefined) => void;
  timer?: NodeJS.Timeout;
}

function emptyResult(): AnalysisResult {
  return { diagnostics: [], findings: [], isTrustPolicy: false, ruleErrors: [] };
}

/** One worker thread, one job at a time, newest version of each document first in mind. */
export class AnalysisWorker {
  private worker?: Worker;
  private running?: Job;
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** Set when no worker thread can be started: analyses then run in the calling thread. */
  private inProcess = false;
  /**
   * The worker has loaded its parsers. Before that a job's time is start-up, not analysis: a
   * superseded job is not stopped then, or typing would restart the thread forever.
   */
  private workerReady = false;
  private readyWaiters: (() => void)[] = [];

  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void,
    private readonly limits: AnalysisLimits = DEFAULT_LIMITS,
  ) {}

  readonly analyse: Analyser = (request) =>
    new Promise((resolve) => {
      for (const queued of this.queue.filter((j) => j.request.uri === request.uri)) {
        this.queue.splice(this.queue.indexOf(queued), 1);
        queued.resolve(undefined);
      }
      const running = this.running;
      if (running?.request.uri === request.uri && this.workerReady) this.arm(running, this.limits.supersededMs, undefined);
      if (!this.workerReady && !this.inProcess && quickInProcess(request, this.limits.inProcessWhileStartingChars)) {
        this.warmUp();
        resolve(analyseInProcess(request));
        return;
      }
      this.queue.push({ id: this.nextId++, request, resolve });
      this.pump();
    });

  /** Starts the thread ahead of the first document, so the first analysis does not wait for it. */
  warmUp(): void {
    if (!this.worker) this.start();
  }

  /** Resolves once a worker thread has started and loaded its parsers (starting one if needed). */
  whenReady(): Promise<void> {
    this.warmUp();
    if (this.workerReady || this.inProcess) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  dispose(): void {
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    for (const job of this.queue.splice(0)) job.resolve(undefined);
    if (this.running) this.settle(this.running, undefined);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.running = job;
    const worker = this.inProcess ? undefined : (this.worker ?? this.start());
    if (!worker) {
      this.settle(job, analyseInProcess(job.request));
      return;
    }
    this.arm(job, this.limits.maxMs, `IAM Trust stopped analysing this file after ${+(this.limits.maxMs / 1000).toFixed(1)} s. Please report it with the file if you can share it.`);
    worker.postMessage({ id: job.id, request: job.request });
  }

  /** After `ms`, stop the job (restarting the worker) and resolve it with `message` as a diagnostic, or as superseded. */
  private arm(job: Job, ms: number, message: string | undefined): void {
    clearTimeout(job.timer);
    job.timer = setTimeout(() => {
      if (this.running !== job) return;
      if (message) this.log(`IAM Trust: analysis of ${job.request.uri} took longer than ${ms} ms and was stopped`);
      this.restart();
      const stopped = emptyResult();
      if (message) stopped.diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, message });
      this.settle(job, message ? stopped : undefined);
    }, ms);
  }

  private settle(job: Job, result: AnalysisResult | undefined): void {
    clearTimeout(job.timer);
    if (this.running === job) this.running = undefined;
    job.resolve(result);
    this.pump();
  }

  private start(): Worker | undefined {
    let worker: Worker;
    try {
      worker = new Worker(this.script, { workerData: ANALYSIS_WORKER_DATA });
    } catch (e) {
      this.log(`IAM Trust: no analysis thread (${e instanceof Error ? e.message : String(e)}); analysing in the server's thread`);
      this.inProcess = true;
      return undefined;
    }
    this.worker = worker;
    this.workerReady = false;
    worker.on('message', (reply: WorkerReply | WorkerReady) => {
      if ('ready' in reply) {
        if (this.worker !== worker) return;
        this.workerReady = true;
        for (const resolve of this.readyWaiters.splice(0)) resolve();
        return;
      }
      const job = this.running;
      if (this.worker !== worker || !job || job.id !== reply.id) return;
      if ('error' in reply) {
        this.log(`IAM Trust: analysis of ${job.request.uri} failed: ${reply.error}`);
        this.settle(job, emptyResult());
      } else this.settle(job, reply.result);
    });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.log(`IAM Trust: the analysis thread stopped (${why}); starting a new one`);
      if (this.running) this.settle(this.running, emptyResult());
    };
    worker.on('error', (e) => lost(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    return worker;
  }

  private restart(): void {
    const old = this.worker;
    this.worker = undefined;
    this.workerReady = false;
    void old?.terminate();
  }
}
