import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ALL_RULES } from '../../server/src/rules';

/** Compiled to out/test/cli/: the repository is three levels up. */
export const REPO = path.resolve(__dirname, '../../..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'cli');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI as a user would, with its output piped (so: no colours). */
export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): CliRun {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" before the CLI tests.`);
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: undefined, ...env }, encoding: 'utf8', timeout: 15000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A directory of files in the system's temp dir, made by `create()` and removed by `remove()`. */
export class TempTree {
  private created?: string;

  constructor(private readonly files: Record<string, string | Buffer> = {}) {}

  create(): void {
    // realpath: macOS's /tmp is a link, and the CLI prints real paths relative to its cwd.
    this.created = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-trust-cli-')));
    for (const [rel, content] of Object.entries(this.files)) this.write(rel, content);
  }

  get dir(): string {
    if (!this.created) throw new Error('TempTree used before create()');
    return this.created;
  }

  write(rel: string, content: string | Buffer): string {
    const file = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  }

  path(rel: string): string {
    return path.join(this.dir, rel);
  }

  remove(): void {
    if (this.created) fs.rmSync(this.created, { recursive: true, force: true });
    this.created = undefined;
  }
}

/**
 * A tree of files for the enclosing `describe`: made before its tests and removed after them, or
 * afresh for each test when `perTest` (for tests that change the files).
 */
export function useTempTree(files: Record<string, string | Buffer>, perTest = false): TempTree {
  const tree = new TempTree(files);
  (perTest ? beforeEach : before)(() => tree.create());
  (perTest ? afterEach : after)(() => tree.remove());
  return tree;
}

/**
 * A `.iam-trust.json` body that turns off every rule but these: other rules are being added to the
 * catalogue, and the tests of the CLI's plumbing must not depend on what they find.
 */
export function onlyRules(keep: Record<string, string | undefined>): string {
  const rules: Record<string, string> = {};
  for (const r of ALL_RULES) {
    if (!(r.id in keep)) rules[r.id] = 'off';
    else if (keep[r.id]) rules[r.id] = keep[r.id]!;
  }
  return JSON.stringify({ rules }, null, 2);
}

/** The configuration of most tests: the two rules of the first catalogue draft, at their defaults. */
export const CORE_RULES_CONFIG = onlyRules({ 'json-syntax': undefined, 'principal-any': undefined });

/** The 1-based position of the n-th occurrence of a one-line token, end column exclusive. */
export function locate(text: string, token: string, occurrence = 0): { line: number; column: number; endLine: number; endColumn: number } {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(token, offset + 1);
    if (offset < 0) throw new Error(`${token} not found`);
  }
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  return { line, column, endLine: line, endColumn: column + token.length };
}

/** The JSON format's shape, as documented in the README. */
export interface JsonFileResult {
  file: string;
  findings: { rule: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }[];
}

export function parseJsonOutput(run: CliRun): JsonFileResult[] {
  try {
    return JSON.parse(run.stdout);
  } catch (e) {
    throw new Error(`stdout is not JSON (${(e as Error).message}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}
