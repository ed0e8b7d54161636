#!/usr/bin/env node
// `npm start`: VS Code in the browser (code-server on 127.0.0.1) with IAM Trust loaded from this
// folder on examples/, until Ctrl-C. `npm start` builds first and installs code-server once
// (scripts/install-code-server.sh). IAM_TRUST_PORT picks the port (default: any free one).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, startCodeServer, workbenchUrl } from './code-server.mjs';

const folder = path.join(repoRoot, 'examples');
const state = path.join(repoRoot, '.cache/start');
if (!fs.existsSync(path.join(repoRoot, 'dist/extension.js'))) {
  console.error('dist/extension.js is missing: run npm run build (npm start does).');
  process.exit(1);
}

const server = await startCodeServer({
  folder,
  // Kept between runs, so the editor layout a user chose survives a restart.
  userDataDir: path.join(state, 'user-data'),
  extensionsDir: path.join(state, 'extensions'),
  logFile: path.join(state, 'code-server.log'),
  port: Number(process.env.IAM_TRUST_PORT ?? 0),
}).catch((e) => {
  console.error(e.message);
  process.exit(1);
});

const url = workbenchUrl({ origin: server.origin, port: server.port, folder, extensionDevelopmentPath: repoRoot });
console.log(`\nIAM Trust is running in VS Code (code-server) on ${path.relative(repoRoot, folder)}/. Open:\n\n  ${url}\n`);
console.log('Open a trust policy to see its diagnostics. Ctrl-C stops the server.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.once('exit', (code) => {
  if (stopping) return;
  console.error(`code-server exited (${code}); its log: ${path.relative(repoRoot, path.join(state, 'code-server.log'))}`);
  process.exit(1);
});
