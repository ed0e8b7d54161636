#!/usr/bin/env node
// Runs the e2e suite (test/e2e/suite, compiled to out/test/e2e/suite) inside a real VS Code:
// code-server from .cache/code-server, opened in headless Debian Chromium via playwright-core.
// Mechanism: ../shared/vscode-e2e-offline.md. Installs nothing: run
// `bash scripts/install-code-server.sh` first (npm start and .ci/run do).
//
//   node scripts/e2e-run.mjs [extension] [vsix]     (default: both)
//
// extension: the extension loaded from this folder (extensionDevelopmentPath), trusted workspace.
// vsix:      the packaged .vsix (`npm run package`) installed with --install-extension into a fresh
//            extensions folder, workspace left untrusted: what ships is what is tested.
//
// Each suite gets a fresh local STS/IAM endpoint (test/fake-aws) and temporary AWS config files
// pointing at it, for the "Assume this role" tests; the machine's own AWS set-up is hidden.
//
// Screenshots, logs and the workbench's own log files go to test-results/e2e/<suite>/. Exits
// non-zero when a test fails, the workbench shows an error notification, or a suite exceeds its
// time limit (IAM_TRUST_E2E_TIMEOUT_MS, default 10 minutes per suite).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { installExtension, repoRoot, requireCodeServer, startCodeServer, workbenchUrl } from './code-server.mjs';

const CHROMIUM = process.env.IAM_TRUST_CHROMIUM ?? '/usr/bin/chromium';
const SUITE_TIMEOUT_MS = Number(process.env.IAM_TRUST_E2E_TIMEOUT_MS ?? 10 * 60_000);
const resultsRoot = path.join(repoRoot, 'test-results', 'e2e');
const testsIndex = path.join(repoRoot, 'out/test/e2e/suite/index.js');
const workspaceFixture = path.join(repoRoot, 'test/e2e/workspace');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const vsixPath = path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
const fakeAwsMain = path.join(repoRoot, 'out/test/fake-aws/main.js');
const awsFixture = path.join(repoRoot, 'test/fixtures/aws/accounts.json');
/** A do-nothing extension that puts the workbench in extension-test mode for the VSIX suite. */
const testHostExtension = path.join(repoRoot, 'test/e2e/test-host');

const suites = {
  extension: { extensionDevelopmentPath: repoRoot, trustWorkspace: true },
  vsix: { extensionDevelopmentPath: testHostExtension, trustWorkspace: false, vsix: vsixPath },
};

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

function checkPrerequisites(names) {
  try {
    requireCodeServer();
  } catch (e) {
    fail(e.message);
  }
  if (!fs.existsSync(CHROMIUM)) fail(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set IAM_TRUST_CHROMIUM)`);
  for (const f of ['dist/extension.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(repoRoot, f))) fail(`${f} is missing: run npm run build`);
  }
  if (!fs.existsSync(fakeAwsMain)) fail(`${path.relative(repoRoot, fakeAwsMain)} is missing: run npm run compile`);
  if (!fs.existsSync(testsIndex)) fail(`${path.relative(repoRoot, testsIndex)} is missing: run npm run compile`);
  if (names.includes('vsix') && !fs.existsSync(vsixPath)) fail(`${path.basename(vsixPath)} is missing: run npm run package`);
}

/** Serves screenshot requests the tests leave in `dir` (test/e2e/suite/helpers.ts, screenshot()). */
function serveScreenshots(page, dir) {
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.request'))) {
        const name = f.slice(0, -'.request'.length);
        // Let the editor paint the squiggles the test just waited for.
        await page.waitForTimeout(750);
        await page.screenshot({ path: path.join(dir, `${name}.png`) });
        fs.rmSync(path.join(dir, f), { force: true });
        console.log(`e2e: screenshot ${path.relative(repoRoot, path.join(dir, name))}.png`);
      }
    } catch (e) {
      console.error(`e2e: screenshot failed: ${e.message}`);
    } finally {
      busy = false;
    }
  }, 250);
  return () => clearInterval(timer);
}

/**
 * The local STS/IAM endpoint (test/fake-aws) the "Assume this role" tests talk to, fresh for each
 * suite. Resolves with its URL and a stop function once it prints the URL.
 */
function startFakeAws(logFile) {
  const child = spawn(process.execPath, [fakeAwsMain, '--fixture', awsFixture], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(logFile);
  child.stderr.pipe(log);
  // It closes its server on SIGTERM; a kill after 5 s covers a hung one.
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the fake AWS endpoint did not print its URL within 20 s'));
    }, 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      const line = out.split('\n');
      if (line.length > 1) {
        clearTimeout(timer);
        resolve({ url: line[0].trim(), stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fake AWS endpoint exited (${code}) before it listened; see ${logFile}`));
    });
  });
}

/**
 * What the extension host needs to reach the fake endpoint: its URL for STS and IAM (the SDK's own
 * variables), and temporary shared config/credentials files with profiles of two fixture users:
 * `default` (alice, who may assume roles) and `tools-bob` (who may only read them). Whatever AWS
 * set-up the machine has is hidden from the run.
 */
function fakeAwsEnvironment(url, dir) {
  const users = JSON.parse(fs.readFileSync(awsFixture, 'utf8')).users;
  const keyOf = (name) => users.find((u) => u.arn.endsWith(`:user/${name}`)).accessKeys[0];
  const profiles = { default: keyOf('alice'), 'tools-bob': keyOf('bob') };
  fs.mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  fs.writeFileSync(configFile, Object.keys(profiles).map((p) => `[${p === 'default' ? p : `profile ${p}`}]\nregion = us-east-1\n`).join('\n'));
  fs.writeFileSync(credentialsFile, Object.entries(profiles).map(([p, k]) => `[${p}]\naws_access_key_id = ${k.id}\naws_secret_access_key = ${k.secret}\n`).join('\n'));
  return {
    AWS_ENDPOINT_URL_STS: url,
    AWS_ENDPOINT_URL_IAM: url,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    // undefined removes a variable from code-server's environment.
    AWS_PROFILE: undefined,
    AWS_DEFAULT_PROFILE: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_ENDPOINT_URL: undefined,
  };
}

/** Error notifications the workbench shows (toasts and the notification centre), as text. */
async function errorNotifications(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.notification-list-item')]
      .filter((item) => item.querySelector('.codicon-error'))
      .map((item) => (item.textContent ?? '').trim()),
  );
}

async function runSuite(name) {
  const suite = suites[name];
  const resultsDir = path.join(resultsRoot, name);
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `iam-trust-e2e-${name}-`));
  const folder = path.join(scratch, 'workspace');
  // Tests edit files and settings: they work on a copy, never on the fixtures.
  fs.cpSync(workspaceFixture, folder, { recursive: true });
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  const started = Date.now();
  console.log(`\ne2e: suite "${name}" in ${folder}`);

  let server;
  let browser;
  let fakeAws;
  let stopScreenshots = () => {};
  const browserLog = fs.createWriteStream(path.join(resultsDir, 'browser.log'));
  const workbenchLog = fs.createWriteStream(path.join(resultsDir, 'workbench.log'));
  try {
    if (suite.vsix) {
      console.log(`e2e: installing ${path.basename(suite.vsix)} into a fresh extensions folder`);
      const out = await installExtension({ vsix: suite.vsix, userDataDir, extensionsDir });
      fs.writeFileSync(path.join(resultsDir, 'install-extension.log'), out);
    }
    fakeAws = await startFakeAws(path.join(resultsDir, 'fake-aws.log'));
    server = await startCodeServer({
      folder,
      userDataDir,
      extensionsDir,
      trustWorkspace: suite.trustWorkspace,
      logFile: path.join(resultsDir, 'code-server.log'),
      env: { IAM_TRUST_E2E_SUITE: name, IAM_TRUST_E2E_SCREENSHOTS: resultsDir, ...fakeAwsEnvironment(fakeAws.url, path.join(scratch, 'aws')) },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // The clipboard permissions let "Copy export lines" reach the page's clipboard, where the test reads it.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    let settle;
    const finished = new Promise((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationExit', (a, b) => settle({ code: typeof a === 'number' ? a : b, logs: typeof a === 'number' ? b : a }));
    // The workbench forwards its log, and the extension host's console (mocha's reporter), here.
    // Everything goes to workbench.log; from the suite's first line on, also to the terminal.
    let suiteStarted = false;
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      const text = Array.isArray(message) ? format(...message) : String(message);
      workbenchLog.write(`[${level}] ${text}\n`);
      suiteStarted ||= text.startsWith('IAM Trust e2e suite');
      if (suiteStarted) (level === 'error' ? console.error : console.log)(text);
    });
    page.on('console', (m) => browserLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => browserLog.write(`[pageerror] ${e.message}\n`));
    page.on('crash', () => settle({ code: 1, reason: 'the page crashed' }));
    server.child.once('exit', (code) => settle({ code: 1, reason: `code-server exited (${code}) during the run` }));
    const timer = setTimeout(() => settle({ code: 1, reason: `time limit of ${SUITE_TIMEOUT_MS} ms exceeded` }), SUITE_TIMEOUT_MS);
    stopScreenshots = serveScreenshots(page, resultsDir);

    const url = workbenchUrl({
      origin: server.origin,
      port: server.port,
      folder,
      extensionDevelopmentPath: suite.extensionDevelopmentPath,
      extensionTestsPath: testsIndex,
    });
    await page.goto(url);
    const result = await finished;
    clearTimeout(timer);
    stopScreenshots();

    let code = result.code;
    if (result.reason) console.error(`e2e: suite "${name}": ${result.reason}`);
    await page.screenshot({ path: path.join(resultsDir, 'final.png') }).catch(() => {});
    const errors = await errorNotifications(page).catch(() => []);
    if (errors.length) {
      console.error(`e2e: suite "${name}": the workbench shows error notifications:\n  ${errors.join('\n  ')}`);
      code = code || 1;
    }
    for (const log of Array.isArray(result.logs) ? result.logs : []) {
      if (log && typeof log.relativePath === 'string' && typeof log.contents === 'string') {
        const target = path.join(resultsDir, 'logs', log.relativePath);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, log.contents);
      }
    }
    console.log(`e2e: suite "${name}" ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (results: ${path.relative(repoRoot, resultsDir)})`);
    return code;
  } finally {
    stopScreenshots();
    await browser?.close().catch(() => {});
    await server?.stop();
    await fakeAws?.stop();
    browserLog.end();
    workbenchLog.end();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const requested = process.argv.slice(2);
const names = requested.length ? requested : Object.keys(suites);
for (const n of names) if (!suites[n]) fail(`unknown suite "${n}" (known: ${Object.keys(suites).join(', ')})`);
checkPrerequisites(names);

// Whatever hangs (a browser that will not close, a stuck install), the run ends.
const watchdog = setTimeout(
  () => {
    console.error('e2e: the run exceeded its overall time limit; giving up');
    process.exit(1);
  },
  names.length * (SUITE_TIMEOUT_MS + 3 * 60_000),
);
watchdog.unref();

let failed = 0;
for (const n of names) {
  try {
    if ((await runSuite(n)) !== 0) failed++;
  } catch (e) {
    console.error(`e2e: suite "${n}" could not run: ${e.stack ?? e}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
