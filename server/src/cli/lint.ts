import * as fs from 'fs';
import * as path from 'path';
import { ConfigProblem } from '../config';
import { analyseDocument, initParsers, matchesTrustGlobs, MAX_ANALYSED_LENGTH } from '../documents';
import { LineIndex } from '../text';
import { validateDocument } from '../validation';
import { ConfigResolver, ResolvedConfig } from './configs';
import { CandidateFile, expandPaths, hasPolicyExtension } from './files';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { LINT_USAGE, LintOptions, OutputFormat, parseLintArgs } from './lintArgs';
import { countSeverities, displayPath, FileResult, FormatContext, plural } from './results';
import { CliIO, EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE, UsageError } from './types';

const FORMATTERS: Record<OutputFormat, (results: FileResult[], ctx: FormatContext) => string> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
};

/**
 * Files larger than this many bytes hold more than MAX_ANALYSED_LENGTH UTF-16 units whatever their
 * encoding (UTF-8 needs at most 3 bytes per unit), so they are skipped without being read.
 */
const MAX_READ_BYTES = MAX_ANALYSED_LENGTH * 3;

/** The path the trust-policy globs see: relative to the config file's directory, like ESLint's. */
function globPath(file: string, resolved: ResolvedConfig, cwd: string): string {
  const base = resolved.file ? path.dirname(resolved.file) : cwd;
  return path.relative(base, file).split(path.sep).join('/');
}

function formatConfigProblem(problem: ConfigProblem, cwd: string): string {
  let text = '';
  try {
    text = fs.readFileSync(problem.file, 'utf8');
  } catch {
    // Unreadable: the problem itself says so; position 1:1.
  }
  const pos = new LineIndex(text).position(problem.span.offset);
  return `${displayPath(problem.file, cwd)}:${pos.line + 1}:${pos.character + 1}  ${problem.message}`;
}

interface Run {
  io: CliIO;
  options: LintOptions;
  configs: ConfigResolver;
  results: FileResult[];
  /** Set by anything that makes the run's answer incomplete (unreadable file, crashed rule). */
  failed: boolean;
  /** Files that were trust policies by name but too large or binary to analyse. */
  skipped: number;
}

function notice(run: Run, message: string): void {
  run.io.stderr.write(`iam-trust: ${message}\n`);
}

function lintFile(run: Run, candidate: CandidateFile, resolved: ResolvedConfig): void {
  const { io } = run;
  const shown = displayPath(candidate.path, io.cwd);
  const filePath = globPath(candidate.path, resolved, io.cwd);
  let size: number;
  let bytes: Buffer;
  try {
    size = fs.statSync(candidate.path).size;
    if (size > MAX_READ_BYTES) {
      if (candidate.explicit || matchesTrustGlobs(filePath, resolved.config)) {
        notice(run, `${shown}: skipped: it has ${size} bytes, more than IAM Trust analyses (${MAX_ANALYSED_LENGTH} characters).`);
        run.skipped++;
      }
      return;
    }
    bytes = fs.readFileSync(candidate.path);
  } catch (e) {
    notice(run, `${shown}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Check that it exists and that you may read it.`);
    run.failed = true;
    return;
  }
  // Editors hide a byte order mark; dropping it keeps columns the same as in the editor.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const doc = analyseDocument({ text, filePath, force: candidate.explicit }, resolved.config);
  if (!doc) return;
  if (doc.skipped) {
    notice(run, `${shown}: skipped: ${doc.skipped}`);
    run.skipped++;
    return;
  }
  const findings = validateDocument(doc, resolved.config, {
    onRuleError: (ruleId, error) => {
      run.failed = true;
      notice(
        run,
        `rule ${ruleId} failed on ${shown} (a bug in IAM Trust, please report it): ${(error as Error)?.message ?? error}. ` +
          `Until it is fixed, turn it off with {"rules": {"${ruleId}": "off"}} in .iam-trust.json.`,
      );
    },
  });
  run.results.push({ file: candidate.path, text, findings });
}

function exitCode(run: Run): number {
  if (run.failed) return EXIT_USAGE;
  const counts = countSeverities(run.results);
  if (counts.error > 0) return EXIT_PROBLEMS;
  const max = run.options.maxWarnings;
  if (max !== undefined && counts.warning > max) {
    notice(run, `${plural(counts.warning, 'warning')} found, more than the ${max} that --max-warnings allows. Fix them, or raise --max-warnings.`);
    return EXIT_PROBLEMS;
  }
  return EXIT_CLEAN;
}

/** `iam-trust lint`: see LINT_USAGE. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const options = parseLintArgs(args);
  if (options.help) {
    io.stdout.write(LINT_USAGE + '\n');
    return EXIT_CLEAN;
  }
  if (options.configFile !== undefined && !fs.existsSync(path.resolve(io.cwd, options.configFile))) {
    throw new UsageError(`The configuration file "${options.configFile}" given to --config does not exist. Check the path, or leave --config out to use the nearest .iam-trust.json.`);
  }
  const configs = new ConfigResolver(options.configFile, io.cwd);
  const lintRun: Run = { io, options, configs, results: [], failed: false, skipped: 0 };

  const wanted = (file: string) => hasPolicyExtension(file) || matchesTrustGlobs(globPath(file, configs.forFile(file), io.cwd), configs.forFile(file).config);
  const candidates = expandPaths(options.patterns, io.cwd, wanted);
  const resolved = candidates.map((c) => configs.forFile(c.path));

  // A configuration that cannot be read as written would silently change the results: stop.
  const problems = configs.problems();
  if (problems.length) {
    io.stderr.write(problems.map((p) => formatConfigProblem(p, io.cwd)).join('\n') + '\n');
    io.stderr.write(`iam-trust: fix the configuration above (see the README's "Configuration" section), then run again.\n`);
    return EXIT_USAGE;
  }

  // Terraform needs tree-sitter's WebAssembly loaded before any .tf file is analysed.
  await initParsers();
  candidates.forEach((c, i) => lintFile(lintRun, c, resolved[i]));

  if (lintRun.results.length === 0 && !lintRun.failed && lintRun.skipped === 0) {
    notice(
      lintRun,
      `no trust policies found in ${options.patterns.join(' ')}. Name a file to analyse it anyway, or add its name to "trustPolicyGlobs" in .iam-trust.json.`,
    );
  }
  const color = options.format === 'text' && io.stdoutIsTTY && !io.env.NO_COLOR;
  if (options.format !== 'text' || lintRun.results.length > 0) {
    io.stdout.write(FORMATTERS[options.format](lintRun.results, { cwd: io.cwd, color }));
  }
  return exitCode(lintRun);
}
