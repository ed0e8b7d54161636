// npm run bench: speed and memory of the engine and the language server, reported as ratios to
// baselines measured in the same run (so the numbers mean the same on any machine):
//   - analysis (recognise + parse + every rule) vs jsonc-parser parsing the same text;
//   - analysis vs ajv validating the same document against a trust-policy JSON schema;
//   - LSP didChange → publishDiagnostics latency over stdio (p50/p95), server cold start to first
//     diagnostics, completion latency (p50/p95), peak memory of the server process.
// Timings live here, never in pass/fail tests.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { policyText } from './policyMix.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jsonc = require('jsonc-parser');
const Ajv = require('ajv');
const rpc = require('vscode-jsonrpc/node');
const { analyseDocument } = require(path.join(root, 'out/server/src/documents.js'));
const { validateDocument } = require(path.join(root, 'out/server/src/validation.js'));
const { mergeConfig } = require(path.join(root, 'out/server/src/config.js'));

const config = mergeConfig({ ownAccountIds: ['111122223333'] });

const trustSchema = {
  type: 'object',
  required: ['Version', 'Statement'],
  additionalProperties: false,
  properties: {
    Version: { enum: ['2012-10-17', '2008-10-17'] },
    Id: { type: 'string' },
    Statement: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['Effect', 'Principal', 'Action'],
        additionalProperties: false,
        properties: {
          Sid: { type: 'string', pattern: '^[A-Za-z0-9]*$' },
          Effect: { enum: ['Allow', 'Deny'] },
          Principal: {
            oneOf: [
              { const: '*' },
              {
                type: 'object',
                additionalProperties: false,
                properties: {
                  AWS: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
                  Service: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
                  Federated: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
                },
              },
            ],
          },
          Action: { anyOf: [{ type: 'string', pattern: '^sts:' }, { type: 'array', items: { type: 'string', pattern: '^sts:' } }] },
          Condition: { type: 'object', additionalProperties: { type: 'object' } },
        },
      },
    },
  },
};

/** Median time of fn in ms, after warm-up, over enough runs to last ~minMs. */
function time(fn, minMs = 300) {
  for (let i = 0; i < 3; i++) fn();
  const samples = [];
  const deadline = performance.now() + minMs;
  while (samples.length < 5 || (performance.now() < deadline && samples.length < 2000)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function percentile(samples, p) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

function benchEngine() {
  console.log('## Engine: analysis vs baselines on the same text (median)');
  console.log('statements | chars | jsonc-parser parse | JSON.parse+ajv validate | IAM Trust analysis | ratio to parse | ratio to ajv');
  const validate = new Ajv({ allErrors: true }).compile(trustSchema);
  for (const n of [1, 10, 100, 1000, 3000]) {
    const text = policyText(n);
    const parse = time(() => jsonc.parseTree(text, []));
    const ajv = time(() => validate(JSON.parse(text)));
    const analyse = time(() => {
      const doc = analyseDocument({ text, filePath: '/bench/trust-policy.json' }, config);
      validateDocument(doc, config);
    });
    console.log(`${n} | ${text.length} | ${fmt(parse)} | ${fmt(ajv)} | ${fmt(analyse)} | ${(analyse / parse).toFixed(1)}x | ${(analyse / ajv).toFixed(1)}x`);
  }
}

/** Embedded formats (issue 7): a large CloudFormation template and a large Terraform module. */
async function benchFormats() {
  const yamlPath = path.join(root, 'out/server/src/parser/yaml.js');
  let initParsers;
  try {
    ({ initParsers } = require(path.join(root, 'out/server/src/documents.js')));
  } catch {
    /* older builds */
  }
  if (initParsers) await initParsers();
  const roles = 300;
  const cfn = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
  const tf = [];
  for (let i = 0; i < roles; i++) {
    cfn.push(
      `  Role${i}:`,
      '    Type: AWS::IAM::Role',
      '    Properties:',
      `      RoleName: !Sub "\${AWS::StackName}-role-${i}"`,
      '      MaxSessionDuration: 3600',
      '      AssumeRolePolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal:',
      `              AWS: !Sub "arn:aws:iam::\${ToolsAccount}:role/Deploy${i}"`,
      '            Action: sts:AssumeRole',
    );
    tf.push(
      `resource "aws_iam_role" "role_${i}" {`,
      `  name = "role-${i}"`,
      '  assume_role_policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Effect    = "Allow"',
      `      Principal = { AWS = "arn:aws:iam::\${var.tools_account}:role/Deploy${i}" }`,
      '      Action    = "sts:AssumeRole"',
      '    }]',
      '  })',
      '}',
    );
  }
  console.log('\n## Embedded formats (median)');
  console.log('file | chars | baseline parse | IAM Trust analysis | ratio');
  const cfnText = cfn.join('\n') + '\n';
  const tfText = tf.join('\n') + '\n';
  if (fs.existsSync(yamlPath)) {
    const YAML = require('yaml');
    const base = time(() => YAML.parseDocument(cfnText));
    const t = time(() => validateDocument(analyseDocument({ text: cfnText, filePath: '/bench/template.yaml', languageId: 'yaml' }, config), config));
    console.log(`CloudFormation YAML, ${roles} roles | ${cfnText.length} | yaml parseDocument ${fmt(base)} | ${fmt(t)} | ${(t / base).toFixed(1)}x`);
  } else console.log('CloudFormation YAML: adapter not built');
  const doc = analyseDocument({ text: tfText, filePath: '/bench/main.tf', languageId: 'terraform' }, config);
  if (doc && doc.policies.length) {
    const t = time(() => validateDocument(analyseDocument({ text: tfText, filePath: '/bench/main.tf', languageId: 'terraform' }, config), config));
    console.log(`Terraform, ${roles} roles | ${tfText.length} | — | ${fmt(t)} | —`);
  } else console.log('Terraform: adapter not built');
}

function startServer() {
  const child = spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiters.get(`${p.uri}@${p.version ?? ''}`) ?? waiters.get(p.uri);
    if (w) w(p);
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ ownAccountIds: ['111122223333'] })));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  return { child, conn, waiters };
}

function nextDiagnostics(server, uri) {
  return new Promise((resolve) => server.waiters.set(uri, (p) => (server.waiters.delete(uri), resolve(p))));
}

function peakRssKb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
  } catch {
    return NaN;
  }
}

async function benchLsp() {
  console.log('\n## Language server over stdio');
  const dir = fs.mkdtempSync(path.join(fs.mkdtempSync('/tmp/iam-trust-bench-'), 'ws-'));
  const t0 = performance.now();
  const server = startServer();
  await server.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {}, completion: { completionItem: { snippetSupport: true } } } },
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
  });
  server.conn.sendNotification('initialized', {});
  const uri = pathToFileURL(path.join(dir, 'trust-policy.json')).href;
  let text = policyText(20);
  const first = nextDiagnostics(server, uri);
  server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
  await first;
  console.log(`cold start (spawn → first diagnostics): ${fmt(performance.now() - t0)}`);

  const latencies = [];
  for (let v = 2; v < 42; v++) {
    // Alternate between a safe and a dangerous principal so every change changes the diagnostics.
    const next = v % 2 ? text.replace('"sts:AssumeRole"', '"sts:AssumeRole" ') : text;
    const wait = nextDiagnostics(server, uri);
    const start = performance.now();
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: next }] });
    await wait;
    latencies.push(performance.now() - start);
  }
  console.log(`didChange → diagnostics (includes the server's debounce): p50 ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}`);

  const completion = [];
  const offset = text.indexOf('"Action"');
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - before.lastIndexOf('\n') - 1;
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    try {
      await server.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    } catch {
      console.log('completion: not supported by this server build');
      break;
    }
    completion.push(performance.now() - start);
  }
  if (completion.length) console.log(`completion: p50 ${fmt(percentile(completion, 50))}, p95 ${fmt(percentile(completion, 95))}`);

  const big = policyText(3000);
  const wait = nextDiagnostics(server, uri);
  const startBig = performance.now();
  server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 100 }, contentChanges: [{ text: big }] });
  await wait;
  console.log(`3,000-statement document (${big.length} chars) change → diagnostics: ${fmt(performance.now() - startBig)}`);
  console.log(`server peak memory (VmHWM): ${(peakRssKb(server.child.pid) / 1024).toFixed(1)} MB`);
  await server.conn.sendRequest('shutdown');
  server.conn.sendNotification('exit');
  server.conn.dispose();
  server.child.kill();
}

benchEngine();
await benchFormats().catch((e) => console.log(`formats: ${e.message}`));
await benchLsp();
console.log(`\nbench process peak memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
