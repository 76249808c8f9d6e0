// The command lines of the developer tools (`npm run bench`, `chaos`, `soak`): strict parsing
// whose every refusal is a ToolUsageError, the message each tool prints above its usage.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MimocorbError } from './errors.js';

/** A bad command line of a developer tool. */
export class ToolUsageError extends MimocorbError {
  constructor(message: string) {
    super('ERR_TOOL_USAGE', message);
    this.name = 'ToolUsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;
type StrictConfig<O extends Options> = { args: string[]; options: O; strict: true; allowPositionals: false };

/** node:util's parseArgs, strict and without positionals; what it refuses becomes a ToolUsageError. */
export function parseToolArgs<O extends Options>(
  argv: readonly string[],
  options: O,
): ReturnType<typeof parseArgs<StrictConfig<O>>>['values'] {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new ToolUsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `--<flag> <text>` as a whole number from min to max; undefined when not given. */
export function wholeNumberOption(
  flag: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ToolUsageError(`--${flag} must be a whole number from ${min} to ${max}, got '${text}'`);
  }
  return value;
}

/** `--<flag> <text>` as a number above 0; undefined when not given. */
export function positiveNumberOption(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new ToolUsageError(`--${flag} must be a number above 0, got '${text}'`);
  }
  return value;
}

/**
 * The options `parse` returns; or, where there is nothing to run, the exit code after printing:
 * 0 with the usage on stdout for 'help', 2 with the refusal and the usage on stderr.
 */
export function optionsOrExitCode<T>(tool: string, usage: string, parse: () => T | 'help'): T | number {
  try {
    const options = parse();
    if (options !== 'help') return options;
    process.stdout.write(`${usage}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ToolUsageError)) throw error;
    process.stderr.write(`${tool}: ${error.message}\n${usage}\n`);
    return 2;
  }
}
