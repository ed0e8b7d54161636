import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../..');

/** Licences that let us ship the code inside a MIT extension; AGPL and GPL never. */
const ALLOWED = new Set(['MIT', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD']);

/** The npm packages esbuild puts into a bundle, from its metafile. */
async function bundledPackages(entry: string, external: string[]): Promise<Set<string>> {
  const result = await esbuild.build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
    external,
    write: false,
    metafile: true,
    outfile: path.join(root, 'out', 'licence-check.js'),
    logLevel: 'silent',
  });
  const packages = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    for (const m of input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)) packages.add(m[1]);
  }
  return packages;
}

function licenceOf(pkg: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8'));
  return typeof manifest.license === 'string' ? manifest.license : JSON.stringify(manifest.license ?? manifest.licenses);
}

describe('licences of the shipped bundles', function () {
  this.timeout(60000);
  for (const [entry, external] of [
    ['client/src/extension.ts', ['vscode']],
    ['server/src/server.ts', []],
    ['server/src/cli.ts', []],
  ] as const) {
    it(`${entry}: every bundled package is MIT, ISC, Apache-2.0 or BSD`, async () => {
      const packages = await bundledPackages(entry, [...external]);
      assert.ok(packages.has('jsonc-parser') || entry.startsWith('client'), 'the metafile lists node_modules inputs');
      const offending = [...packages].map((p) => `${p}: ${licenceOf(p)}`).filter((l) => !ALLOWED.has(l.split(': ')[1]));
      assert.deepStrictEqual(offending, []);
    });
  }
});
