import { MimocorbError } from '../errors.js';

/** An error as the CLI prints it: our own by their message, others with a hint at --debug. */
export function describeError(error: unknown, debug: boolean): string {
  if (debug && error instanceof Error && error.stack) return error.stack;
  if (error instanceof MimocorbError) return error.message;
  if (error instanceof Error)
    return `${error.name}: ${error.message}\n(run with --debug for the stack trace)`;
  return String(error);
}
