import * as fs from 'fs';
import * as path from 'path';

export interface PackageInfo {
  version: string;
  /** An https URL of the project, when package.json names one (homepage or repository). */
  homepage?: string;
}

let cached: PackageInfo | undefined;

/**
 * The installed package's version and home page, read from the package.json next to the bundle
 * (dist/cli.js → ../package.json) at run time rather than bundled, so the CLI reports the version
 * that is actually installed.
 */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  cached = { version: '0.0.0' };
  for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (pkg.name !== 'iam-trust') continue;
      cached = { version: String(pkg.version ?? '0.0.0'), homepage: projectUrl(pkg) };
      break;
    } catch {
      // No package.json at this level: look one directory up.
    }
  }
  return cached;
}

function projectUrl(pkg: { homepage?: unknown; repository?: unknown }): string | undefined {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository as { url?: unknown } | undefined)?.url;
  for (const candidate of [pkg.homepage, repo]) {
    if (typeof candidate !== 'string') continue;
    const url = candidate.replace(/^git\+/, '').replace(/\.git$/, '').replace(/#.*$/, '');
    if (/^https:\/\//.test(url)) return url;
  }
  return undefined;
}
