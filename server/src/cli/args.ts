import { parseArgs, ParseArgsConfig } from 'util';
import { UsageError } from './types';

/**
 * Node's parseArgs for one command. A mistake (an unknown flag, a flag without its value) becomes a
 * UsageError with Node's message, less its advice about `--` for positionals that start with a dash
 * (no file a command takes is written that way), followed by `hint`: where the command lists its
 * options.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T, hint: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\.?\s*To specify a positional argument.*$/s, '')}. ${hint}`);
  }
}
