// Starting code-server (installed by scripts/install-code-server.sh into .cache/code-server) and
// building workbench URLs that load an extension under development. Shared by the e2e driver and
// `npm start`. Mechanism: ../shared/vscode-e2e-offline.md (code-server 4.100.3 = VS Code 1.100.3).
import { spawn, execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const codeServerEntry = path.join(repoRoot, '.cache/code-server/node_modules/code-server/out/node/entry.js');

export function requireCodeServer() {
  if (!fs.existsSync(codeServerEntry)) {
    throw new Error(`code-server is not installed in ${path.dirname(codeServerEntry)}.\nRun: bash scripts/install-code-server.sh`);
  }
}

/** Flags that keep code-server quiet, offline and free of first-run pages. */
function baseArgs({ userDataDir, extensionsDir }) {
  return [
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
}

/**
 * User settings for a fresh profile: no gallery look-ups (offline), no prompts that would cover
 * the editor. An existing settings file (a user's `npm start` profile) is left alone.
 */
export function seedUserSettings(userDataDir) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const settings = {
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'git.openRepositoryInParentFolders': 'never',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
  };
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

/** Installs a .vsix into an extensions folder (what `code --install-extension` does). */
export async function installExtension({ vsix, userDataDir, extensionsDir }) {
  requireCodeServer();
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [codeServerEntry, ...baseArgs({ userDataDir, extensionsDir }), '--install-extension', vsix, '--force'],
    { timeout: 120_000 },
  );
  return `${stdout}${stderr}`;
}

/**
 * Starts code-server on 127.0.0.1 (port 0: any free port) and resolves once it listens.
 * `trustWorkspace: false` leaves workspace trust on, so the folder opens in restricted mode.
 * Variables in `env` reach the extension host.
 */
export function startCodeServer({ folder, userDataDir, extensionsDir, env = {}, logFile, trustWorkspace = true, port = 0, startTimeoutMs = 60_000 }) {
  requireCodeServer();
  seedUserSettings(userDataDir);
  fs.mkdirSync(extensionsDir, { recursive: true });
  const args = [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    ...baseArgs({ userDataDir, extensionsDir }),
    ...(trustWorkspace ? ['--disable-workspace-trust'] : []),
    '--ignore-last-opened',
    folder,
  ];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  const log = logFile ? fs.createWriteStream(logFile) : undefined;
  let output = '';
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs);
    const onData = (chunk) => {
      const text = chunk.toString();
      log?.write(text);
      if (output.length < 100_000) output += text;
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ origin: m[1], port: Number(m[2]) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      log?.end();
      reject(new Error(`code-server exited (${code ?? signal}) before it listened:\n${output}`));
    });
  });
  return started.then(
    (where) => ({ ...where, child, stop }),
    async (e) => {
      await stop();
      throw e;
    },
  );
}

/**
 * The workbench URL for a folder, with an extension loaded from source (extensionDevelopmentPath)
 * and optionally a test module the extension host runs (extensionTestsPath), as the VS Code
 * browser integration tests do.
 */
export function workbenchUrl({ origin, port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  return `${origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
