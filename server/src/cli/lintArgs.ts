import { parseCommandArgs } from './args';
import { UsageError } from './types';

export type OutputFormat = 'text' | 'json' | 'sarif';
const FORMATS: OutputFormat[] = ['text', 'json', 'sarif'];

export interface LintOptions {
  /** Files, directories and globs, as typed; the current directory when none. */
  patterns: string[];
  format: OutputFormat;
  /** `--config FILE`: used for every file instead of the nearest `.iam-trust.json`. */
  configFile?: string;
  /** More warnings than this fail the run; undefined = any number is fine. */
  maxWarnings?: number;
  help: boolean;
}

export const LINT_USAGE = `Usage: iam-trust lint [paths or globs...] [options]

Checks the IAM role trust policies in files and directories and reports their problems.

  Files named on the command line are always analysed as trust policies.
  Directories are searched (skipping node_modules, .git, dist and out) for .json, .jsonc, .yaml,
  .yml, .template, .tf, .tpl and .tftpl files; one is analysed when its name matches
  trustPolicyGlobs (by default *trust*.json, *assume-role*.json) or its content is a trust policy.
  Globs ("policies/**/*.json", quoted so the shell leaves them alone) select files the same way.
  With no paths, the current directory is searched.

Options:
  -f, --format text|json|sarif  Output: text for people (default), json (one entry per analysed
                                file, 1-based positions), sarif (SARIF 2.1.0, for GitHub code scanning)
  -c, --config FILE             Use this configuration for every file instead of the nearest
                                .iam-trust.json above each file
      --max-warnings N          Fail when more than N warnings are found (default: no limit)
  -h, --help                    Show this help

Exit codes: 0 no errors (hints and information never fail a run), 1 errors found or more
warnings than --max-warnings, 2 the command could not run (bad option, missing file, broken
configuration).

Examples:
  iam-trust lint
  iam-trust lint infra/roles/ci-trust.json
  iam-trust lint "policies/**/*.json" --max-warnings 0
  iam-trust lint --format sarif > iam-trust.sarif`;

const HINT = 'Run "iam-trust lint --help" for the options.';

/** Parses `lint`'s arguments; a mistake throws a UsageError that says what to type instead. */
export function parseLintArgs(args: string[]): LintOptions {
  const { values, positionals } = parseCommandArgs(
    {
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        'max-warnings': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    HINT,
  );

  const format = values.format ?? 'text';
  if (!FORMATS.includes(format as OutputFormat)) {
    throw new UsageError(`Unknown format "${format}": use --format text, --format json or --format sarif.`);
  }

  let maxWarnings: number | undefined;
  const max = values['max-warnings'];
  if (max !== undefined) {
    if (!/^-?\d+$/.test(max.trim())) {
      throw new UsageError(`--max-warnings needs a whole number, not "${max}": for example --max-warnings 0 to fail on any warning.`);
    }
    const n = Number(max);
    // -1 means no limit, as in ESLint.
    maxWarnings = n < 0 ? undefined : n;
  }

  if (values.config !== undefined && values.config.trim() === '') {
    throw new UsageError(`--config needs a file name, for example --config .iam-trust.json. ${HINT}`);
  }

  return {
    patterns: positionals.length ? positionals : ['.'],
    format: format as OutputFormat,
    configFile: values.config,
    maxWarnings,
    help: values.help ?? false,
  };
}
