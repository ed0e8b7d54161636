import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { packageInfo } from './packageInfo';

let docsDir: string | null | undefined;

/** docs/rules of the installed package (dist/cli.js → ../docs/rules), when it was shipped. */
function installedDocsDir(): string | undefined {
  if (docsDir === undefined) {
    docsDir = null;
    for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'docs', 'rules');
      if (fs.existsSync(candidate)) {
        docsDir = candidate;
        break;
      }
    }
  }
  return docsDir ?? undefined;
}

/**
 * Where a rule's docs page can be read, as an absolute URI (SARIF's helpUri must be absolute):
 * on GitHub when package.json names the repository, else the page installed with the CLI.
 */
export function ruleDocsUri(ruleId: string): string | undefined {
  const home = packageInfo().homepage;
  if (home && /^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(home)) return `${home}/blob/HEAD/docs/rules/${ruleId}.md`;
  const dir = installedDocsDir();
  return dir ? pathToFileURL(path.join(dir, `${ruleId}.md`)).href : undefined;
}

/** The rule's docs page (Markdown), when it is installed with the CLI. */
export function ruleDocsMarkdown(ruleId: string): string | undefined {
  const dir = installedDocsDir();
  if (!dir) return undefined;
  try {
    return fs.readFileSync(path.join(dir, `${ruleId}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
