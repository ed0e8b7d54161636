import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME } from '../config';
import { UsageError } from './types';

/** A file to look at, and whether the user named it (named files are always analysed). */
export interface CandidateFile {
  path: string;
  explicit: boolean;
}

/** Directories that hold dependencies, history or build output, never the user's policies. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'out']);

/**
 * Extensions of the formats trust policies are written in: JSON, CloudFormation (JSON/YAML,
 * `.template`), Terraform and its templates. Whether a file of these really holds a trust policy
 * is analyseDocument's decision.
 */
const POLICY_EXTENSIONS = /\.(json|jsonc|ya?ml|template|tf|tpl|tftpl)$/i;

function isGlob(arg: string): boolean {
  return /[*?[{]/.test(arg);
}

/** Files under `dir`, depth first in name order, without following links to directories. */
function* walk(dir: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // An unreadable sub-directory holds nothing we can lint.
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) yield* walk(full);
    } else if (e.name === CONFIG_FILE_NAME) {
      // Configuration, not a policy, though its name matches the default glob *trust*.json.
      continue;
    } else if (e.isFile() || (e.isSymbolicLink() && isFile(full))) {
      yield full;
    }
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function globFiles(pattern: string, cwd: string): string[] {
  const scan = picomatch.scan(pattern);
  const baseDir = path.resolve(cwd, scan.base || '.');
  const match = picomatch(scan.glob, { dot: false });
  if (!fs.existsSync(baseDir)) return [];
  const files: string[] = [];
  for (const file of walk(baseDir)) {
    if (match(toPosix(path.relative(baseDir, file)))) files.push(file);
  }
  return files;
}

/**
 * Turns the command line's paths and globs into files. A name that exists is taken as a path even
 * when it contains glob characters. `wantedInDirectory` picks the files of a searched directory
 * that are worth reading (by extension, or the user's trust-policy globs).
 */
export function expandPaths(args: string[], cwd: string, wantedInDirectory: (file: string) => boolean): CandidateFile[] {
  const byPath = new Map<string, CandidateFile>();
  const add = (file: string, explicit: boolean) => {
    const existing = byPath.get(file);
    if (existing) existing.explicit ||= explicit;
    else byPath.set(file, { path: file, explicit });
  };

  for (const arg of args) {
    const full = path.resolve(cwd, arg);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(full);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      for (const file of walk(full)) if (wantedInDirectory(file)) add(file, false);
    } else if (stat) {
      add(full, true);
    } else if (isGlob(arg)) {
      const files = globFiles(arg, cwd);
      if (files.length === 0) {
        throw new UsageError(`No files match "${arg}" (searched from ${cwd}). Check the pattern, and quote it so the shell passes it unchanged.`);
      }
      for (const file of files) add(file, false);
    } else {
      throw new UsageError(`"${arg}" does not exist (looked for ${full}). Check the spelling, or run iam-trust from the directory the path is relative to.`);
    }
  }
  return [...byPath.values()];
}

export function hasPolicyExtension(file: string): boolean {
  return POLICY_EXTENSIONS.test(file);
}
