import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { REPO_ROOT } from './client';

export const LSP_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp');

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(LSP_FIXTURES, name), 'utf8');
}

/**
 * A throw-away folder for one suite: documents there find no `.iam-trust.json` of the repository,
 * so each test controls the configuration it sees.
 */
export class TempWorkspace {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-trust-lsp-'));

  path(relative: string): string {
    return path.join(this.dir, relative);
  }

  uri(relative: string): string {
    return pathToFileURL(this.path(relative)).href;
  }

  write(relative: string, text: string): string {
    const file = this.path(relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return this.uri(relative);
  }

  remove(relative: string): void {
    fs.rmSync(this.path(relative), { force: true });
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
