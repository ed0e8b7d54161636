import * as assert from 'assert';
import * as path from 'path';
import { AnalysisLimits, AnalysisRequest, AnalysisWorker } from '../../server/src/analysisWorker';
import { mergeConfig } from '../../server/src/config';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The compiled server script: in a worker thread it serves analyses. */
const SERVER_SCRIPT = path.join(REPO_ROOT, 'out', 'server', 'src', 'server.js');
const HANGING_SCRIPT = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp', 'hanging-analysis-worker.js');

const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}';

function request(version: number, text = POLICY, uri = 'file:///w/trust.json'): AnalysisRequest {
  return { uri, version, text, languageId: 'json', filePath: '/w/trust.json', config: mergeConfig({}), docsRoot: '/docs' };
}

describe('AnalysisWorker', function () {
  this.timeout(20000);
  const workers: AnalysisWorker[] = [];
  const logs: string[] = [];
  function worker(script: string, limits?: AnalysisLimits): AnalysisWorker {
    const w = new AnalysisWorker(script, (m) => logs.push(m), limits);
    workers.push(w);
    return w;
  }
  afterEach(() => workers.splice(0).forEach((w) => w.dispose()));

  it('analyses in a worker thread, and only the newest of queued versions of a document', async () => {
    const w = worker(SERVER_SCRIPT);
    await w.whenReady();
    const first = w.analyse(request(1, POLICY, 'file:///w/other-trust.json'));
    const second = w.analyse(request(2));
    const third = w.analyse(request(3, '{'));
    const results = await Promise.all([first, second, third]);
    assert.ok(results[0]!.diagnostics.some((d) => d.code === 'principal-any'), 'the other document was analysed first');
    assert.strictEqual(results[1], undefined, 'version 2 was replaced by version 3 before it started');
    assert.ok(!results[2]!.diagnostics.some((d) => d.code === 'principal-any'), 'version 3 was analysed on its own text');
    assert.ok(results[2]!.diagnostics.some((d) => d.code === 'json-syntax' || d.code === 'statement-missing'));
  });

  it('analyses small documents in the calling thread while the worker starts', async () => {
    const w = worker(HANGING_SCRIPT, { supersededMs: 50, maxMs: 300, inProcessWhileStartingChars: 1000 });
    const quick = await w.analyse(request(1));
    assert.ok(quick!.diagnostics.some((d) => d.code === 'principal-any'), 'answered here, not by the hanging thread');
    await w.whenReady();
    assert.match((await w.analyse(request(2)))!.diagnostics[0].message, /stopped analysing/, 'once started, the thread does the work');
  });

  it('stops an analysis that runs away, says so on the document, and keeps serving', async () => {
    const w = worker(HANGING_SCRIPT, { supersededMs: 50, maxMs: 300, inProcessWhileStartingChars: 0 });
    const stopped = await w.analyse(request(1));
    assert.strictEqual(stopped!.diagnostics.length, 1);
    assert.match(stopped!.diagnostics[0].message, /stopped analysing this file after 0.3 s/);
    assert.ok(logs.some((l) => /took longer than 300 ms/.test(l)));
    // A fresh thread takes the next job (and hangs too: this script always does).
    const next = w.analyse(request(2));
    await w.whenReady();
    const superseding = w.analyse(request(3));
    assert.strictEqual(await next, undefined, 'a superseded job that does not finish is dropped');
    assert.match((await superseding)!.diagnostics[0].message, /stopped analysing/);
  });
});
