import * as path from 'path';
import { ConfigProblem, findConfigFile, loadConfigFile, LoadedConfigFile, mergeConfig, TrustConfig } from '../config';

export interface ResolvedConfig {
  config: TrustConfig;
  /** The file the config came from, if any; trust-policy globs are relative to its directory. */
  file?: string;
}

/**
 * The configuration of each file: `--config FILE` for all of them, otherwise the nearest
 * `.iam-trust.json` above the file, as in the editor. Each config file is read once; its problems
 * are collected so the CLI can refuse to run on a configuration it would misread.
 */
export class ConfigResolver {
  private readonly loaded = new Map<string, { resolved: ResolvedConfig; problems: ConfigProblem[] }>();
  private readonly byDir = new Map<string, string | undefined>();
  private readonly fixed?: string;

  constructor(configFile: string | undefined, cwd: string) {
    this.fixed = configFile === undefined ? undefined : path.resolve(cwd, configFile);
  }

  forFile(file: string): ResolvedConfig {
    return this.load(this.configFileFor(file)).resolved;
  }

  /** Problems of every config file read so far, in the order they were read. */
  problems(): ConfigProblem[] {
    return [...this.loaded.values()].flatMap((l) => l.problems);
  }

  private configFileFor(file: string): string | undefined {
    if (this.fixed) return this.fixed;
    const dir = path.dirname(file);
    if (!this.byDir.has(dir)) this.byDir.set(dir, findConfigFile(dir));
    return this.byDir.get(dir);
  }

  private load(file: string | undefined) {
    const key = file ?? '';
    let entry = this.loaded.get(key);
    if (!entry) {
      const raw: LoadedConfigFile | undefined = file === undefined ? undefined : loadConfigFile(file);
      entry = { resolved: { config: mergeConfig(raw?.config ?? {}), file }, problems: raw?.problems ?? [] };
      this.loaded.set(key, entry);
    }
    return entry;
  }
}
