import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { SERVER_PATH, TestLanguageClient } from './client';
import { readFixture, TempWorkspace } from './workspace';
import { useServer } from './suite';

/** Bad input never crashes or hangs the server: after each, it still answers and still analyses. */
describe('language server: bad input', () => {
  const policy = readFixture('open-to-any-account.json');
  const server = useServer();

  /** The server is alive and its analysis is not stuck: a fresh policy gets its diagnostics. */
  let probe = 0;
  async function assertStillWorking(): Promise<void> {
    await server.client.roundTrip();
    const uri = server.ws.uri(`probe-${++probe}-trust.json`);
    const diagnostics = await server.client.openAndWait(uri, policy);
    assert.ok(diagnostics.some((d) => d.code === 'principal-any'), 'a later document is still analysed');
    await server.client.close(uri);
  }

  it('reports json-syntax on half-typed JSON at every length of a policy', async () => {
    const uri = server.ws.uri('typing-trust.json');
    await server.client.openAndWait(uri, '');
    // Type the policy in chunks, as a user would; every prefix is published without a crash.
    let version = 1;
    for (let end = 7; end < policy.length; end += 23) {
      version++;
      const diagnostics = await server.client.changeAndWait(uri, version, [{ text: policy.slice(0, end) }]);
      assert.ok(diagnostics.some((d) => d.code === 'json-syntax'), `prefix of ${end} characters: ${JSON.stringify(diagnostics)}`);
    }
    await assertStillWorking();
  });

  it('skips a 10 MB trust policy file with one information diagnostic', async () => {
    const statement = '{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"},';
    const huge = `{"Version":"2012-10-17","Statement":[${statement.repeat(Math.ceil(10_000_000 / statement.length))}{}]}`;
    assert.ok(huge.length >= 10_000_000);
    const diagnostics = await server.client.openAndWait(server.ws.uri('huge-trust.json'), huge);
    assert.strictEqual(diagnostics.length, 1, JSON.stringify(diagnostics).slice(0, 500));
    assert.strictEqual(diagnostics[0].severity, DiagnosticSeverity.Information);
    assert.deepStrictEqual(diagnostics[0].range.start, { line: 0, character: 0 });
    assert.match(diagnostics[0].message, /not analysed/);
    await server.client.close(server.ws.uri('huge-trust.json'));
    await assertStillWorking();
  });

  it('ignores a 10 MB JSON file that is not named as a trust policy', async () => {
    const huge = '[' + '"Statement Principal",'.repeat(500_000) + '0]';
    assert.deepStrictEqual(await server.client.openAndWait(server.ws.uri('data/huge.json'), huge), []);
    await server.client.close(server.ws.uri('data/huge.json'));
    await assertStillWorking();
  });

  it('skips binary content with a reason', async () => {
    const binary = Array.from({ length: 4096 }, (_, i) => String.fromCharCode(i % 256)).join('');
    const diagnostics = await server.client.openAndWait(server.ws.uri('binary-trust.json'), binary);
    assert.strictEqual(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /binary/);
    await assertStillWorking();
  });

  it('answers requests while a large document is being analysed', async () => {
    const statements = Array.from({ length: 8000 }, (_, i) => ({ Sid: `Task${i}`, Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }));
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
    const uri = server.ws.uri('large-trust.json');
    let analysed = false;
    const published = server.client.nextDiagnostics(uri).then(() => (analysed = true));
    await server.client.open(uri, text);
    // Analysis runs in a worker thread: the connection keeps answering meanwhile. Were it on the
    // main thread, every request would queue until the diagnostics had been published.
    let answeredDuringAnalysis = 0;
    while (!analysed) {
      await server.client.roundTrip();
      if (!analysed) answeredDuringAnalysis++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await published;
    assert.ok(answeredDuringAnalysis >= 2, `${answeredDuringAnalysis} requests answered during the analysis`);
    await server.client.close(uri);
  });

  it('survives 200,000 levels of [ nesting', async () => {
    const deep = '['.repeat(200_000);
    const diagnostics = await server.client.openAndWait(server.ws.uri('deep-trust.json'), deep);
    assert.ok(diagnostics.length >= 1 && diagnostics.every((d) => d.source === 'iam-trust'), JSON.stringify(diagnostics).slice(0, 500));
    await assertStillWorking();
  });

  it('survives wrong types everywhere', async () => {
    const wrong = JSON.stringify({ Version: 7, Statement: [null, 3, 'x', [], { Effect: [], Principal: [{ AWS: {} }], Action: { a: 1 }, Condition: [] }, { Principal: { AWS: [null, 5, '*'] }, Effect: 'Allow', Action: 'sts:AssumeRole' }] });
    await server.client.openAndWait(server.ws.uri('wrong-types-trust.json'), wrong);
    await assertStillWorking();
  });

  it('ignores edits to documents it was never told about, and ranges past the end', async () => {
    await server.client.change(server.ws.uri('never-opened.json'), 2, [{ text: '{' }]);
    const uri = server.ws.uri('ranges-trust.json');
    await server.client.openAndWait(uri, policy);
    const diagnostics = await server.client.changeAndWait(uri, 2, [{ range: { start: { line: 900, character: 0 }, end: { line: 1000, character: 5 } }, text: '\n' }]);
    assert.ok(diagnostics.some((d) => d.code === 'principal-any'), 'the edit was applied at the end; the policy is unchanged');
    await assertStillWorking();
  });
});

describe('language server: lifecycle and transports', () => {
  it('shuts down and exits with code 0 on shutdown + exit', async () => {
    const client = await TestLanguageClient.start();
    assert.strictEqual(await client.shutdown(), 0);
  });

  it('speaks Node IPC, as the VS Code client starts it', async () => {
    const ws = new TempWorkspace();
    const client = await TestLanguageClient.start({ transport: 'ipc' });
    try {
      const policy = readFixture('open-to-any-account.json');
      const diagnostics = await client.openAndWait(ws.write('ipc-trust.json', policy), policy);
      assert.ok(diagnostics.some((d) => d.code === 'principal-any'));
    } finally {
      await client.shutdown();
      ws.dispose();
    }
  });

  it('analyses a Terraform file opened at once after start (its parser loads in the background)', async () => {
    const ws = new TempWorkspace();
    const client = await TestLanguageClient.start();
    try {
      const text = readFixture('terraform-open.tf');
      const uri = ws.write('main.tf', text);
      // The first publication must already be the real one: no empty list while the parser loads.
      const first = client.nextDiagnostics(uri);
      await client.open(uri, text, 'terraform');
      assert.ok((await first).diagnostics.some((d) => d.code === 'principal-any'), JSON.stringify((await first).diagnostics));
    } finally {
      await client.shutdown();
      ws.dispose();
    }
  });

  it('explains how to start it when no transport is given', () => {
    const result = spawnSync(process.execPath, [SERVER_PATH], { encoding: 'utf8', timeout: 10000 });
    assert.strictEqual(result.status, 2);
    assert.match(result.stderr, /--stdio/);
  });
});
