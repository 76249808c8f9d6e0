import { MimocorbError } from '../errors.js';

/**
 * An error as the CLI prints it: our own errors by their message; anything else (a bug, or a
 * failure we did not foresee) by its name and message with a hint, the stack only with --debug.
 */
export function describeError(error: unknown, debug: boolean): string {
  if (debug && error instanceof Error && error.stack) return error.stack;
  if (error instanceof MimocorbError) return error.message;
  if (error instanceof Error)
    return `${error.name}: ${error.message}\n(an unexpected error: run with --debug for the stack trace, and please report it)`;
  return String(error);
}
