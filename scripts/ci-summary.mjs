#!/usr/bin/env node
// Totals the mocha results of an `npm test` run from its captured output, for .ci/run:
//
//   node scripts/ci-summary.mjs <npm-test-output.log> <npm test exit code>
//
// The suites are the `npm run test:*` steps of package.json's `test` script. Each one's output
// starts with npm's banner (`> iam-trust@x.y.z test:unit`); its mocha runs end with "N passing",
// "N failing" and "N pending" lines, which are summed (test:e2e runs mocha twice). The steps are
// chained with &&, so when npm test fails the suite that was running is the one that broke: if it
// reported no failing test it crashed, and counts as one failure; suites that never started count
// as one failure each. Prints a line per suite and, last, `N passed, N failed`. Exits 1 when
// anything failed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const [logFile, exitCodeArg] = process.argv.slice(2);
if (!logFile) {
  console.error('usage: node scripts/ci-summary.mjs <npm-test-output.log> <npm test exit code>');
  process.exit(2);
}
const npmExitCode = Number(exitCodeArg ?? 0);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testScript = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts.test;
const suiteNames = [...testScript.matchAll(/npm run (test:[\w:-]+)/g)].map((m) => m[1]);

const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
// eslint-disable-next-line no-control-regex
const lines = text.replace(/\u001b\[[0-9;]*m/g, '').split(/\r?\n/);

const suites = new Map(suiteNames.map((name) => [name, { started: false, counted: false, passed: 0, failed: 0, pending: 0, note: '' }]));
const order = [];
let current;
for (const line of lines) {
  const banner = /^> \S+ (\S+)$/.exec(line);
  if (banner && suites.has(banner[1])) {
    current = suites.get(banner[1]);
    current.started = true;
    order.push(banner[1]);
    continue;
  }
  if (!current) continue;
  const count = /^\s*(\d+) (passing|failing|pending)\b/.exec(line);
  if (!count) continue;
  const n = Number(count[1]);
  if (count[2] === 'passing') current.passed += n;
  else if (count[2] === 'failing') current.failed += n;
  else current.pending += n;
  current.counted = true;
}

const lastStarted = order.length ? suites.get(order[order.length - 1]) : undefined;
for (const [name, s] of suites) {
  if (!s.started) {
    s.failed += 1;
    s.note = 'did not run';
  } else if (!s.counted) {
    s.failed += 1;
    s.note = 'reported no mocha results (crashed?)';
  } else if (npmExitCode !== 0 && s === lastStarted && s.failed === 0) {
    s.failed += 1;
    s.note = `exited with an error after its tests (npm test exit code ${npmExitCode})`;
  }
  console.log(`${name.padEnd(12)} ${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(3)} failed ${String(s.pending).padStart(3)} pending${s.note ? `  (${s.note})` : ''}`);
}
const passed = [...suites.values()].reduce((sum, s) => sum + s.passed, 0);
let failed = [...suites.values()].reduce((sum, s) => sum + s.failed, 0);
if (npmExitCode !== 0 && failed === 0) failed = 1; // npm test failed outside any suite
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
