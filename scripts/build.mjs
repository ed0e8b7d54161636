// Bundles the extension client, the language server and the CLI with esbuild.
// mainFields module-first: jsonc-parser's UMD build breaks when bundled (issue #3).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'linked',
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);

// Terraform is parsed by tree-sitter compiled to WebAssembly (server/src/parser/hcl.ts): the
// runtime and the grammar are loaded at run time from next to the bundle, so they ship in dist/.
const require = createRequire(import.meta.url);
const wasmFiles = [
  join(dirname(require.resolve('web-tree-sitter')), 'tree-sitter.wasm'),
  join(dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')), 'tree-sitter-terraform.wasm'),
];
mkdirSync('dist', { recursive: true });
for (const file of wasmFiles) copyFileSync(file, join('dist', file.split(/[\\/]/).pop()));
