// The `iam-trust` command line (bundled to dist/cli.js, the package's bin).
import { packageInfo } from './cli/packageInfo';
import { CliCommandModule, CliIO, EXIT_CLEAN, EXIT_USAGE, UsageError } from './cli/types';

interface CliCommand {
  name: string;
  /** One line for `iam-trust --help`. */
  summary: string;
  /**
   * Loads the command's module only when it runs, so `iam-trust lint` never pays for another
   * command's dependencies (the AWS SDK, say) and `--help`/`--version` load no engine at all.
   */
  load(): Promise<CliCommandModule>;
}

/**
 * The command table. To add a command, add one entry whose module (server/src/cli/<name>.ts)
 * exports `run(args, io): Promise<number>` (args = everything after the command name; the result
 * is the exit code) and prints its own help for `--help`. Throw a UsageError for a mistake the
 * user can fix: it is printed with exit code 2.
 */
const COMMANDS: CliCommand[] = [
  { name: 'lint', summary: 'Check the trust policies in files, directories or globs (text, json or sarif output)', load: () => import('./cli/lint') },
  { name: 'assume', summary: 'Assume a role with AWS STS to prove its trust policy lets you in (exit 0 assumed, 1 not)', load: () => import('./cli/assume') },
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: iam-trust <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     Show this help; "iam-trust <command> --help" shows a command\'s options',
    '  -v, --version  Print the version',
  ].join('\n');
}

async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    io.stdout.write(usage() + '\n');
    return EXIT_CLEAN;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(packageInfo().version + '\n');
    return EXIT_CLEAN;
  }
  if (name === 'help' && rest.length) return main([rest[0], '--help'], io);
  if (name === undefined || name === 'help') {
    io.stderr.write(usage() + '\n');
    return EXIT_USAGE;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const names = COMMANDS.map((c) => c.name).join(', ');
    const suggestion = name.startsWith('-') ? '' : ` To check files, run "iam-trust lint ${argv.join(' ')}".`;
    throw new UsageError(`Unknown command "${name}": the commands are ${names}.${suggestion} Run "iam-trust --help" for more.`);
  }
  return (await command.load()).run(rest, io);
}

const io: CliIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
};

// A reader that stops early (`iam-trust lint | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_CLEAN);
});

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`iam-trust: ${e.message}\n`);
    } else {
      process.stderr.write(`iam-trust: internal error (please report it with the command you ran):\n${(e as Error)?.stack ?? e}\n`);
    }
    process.exitCode = EXIT_USAGE;
  },
);
