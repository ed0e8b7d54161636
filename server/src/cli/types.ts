/**
 * What every `iam-trust` command shares: where it writes, where it runs, and how it says that the
 * user asked for something impossible (exit 2) as opposed to the policies having problems (exit 1).
 */

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal: decides colours, together with NO_COLOR. */
  stdoutIsTTY: boolean;
}

/** A command module, loaded only when its name is on the command line (see ../cli.ts). */
export interface CliCommandModule {
  /** Returns the exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** Exit codes, the same for every command. */
export const EXIT_CLEAN = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/**
 * A mistake in how the command was called or a file that cannot be read. The message says what to
 * do; the CLI prints it on stderr and exits 2.
 */
export class UsageError extends Error {}
