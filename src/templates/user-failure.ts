import { UserFunctionError } from '../errors.js';
import type { BufferIO } from './buffer-io.js';

/**
 * What a template does when the worker's own code fails (it threw, or returned something the
 * template cannot use): log it with the worker's name and return the UserFunctionError to throw.
 * Under control the process then exits holding its events, and control gives them to a sibling
 * or a restarted process (or counts them as undeliverable). Alone, it ends the sinks (downstream
 * ends) and drains the sources (upstream goes on).
 */
export function failUserFunction(
  io: BufferIO,
  template: string,
  error: unknown,
  where = '',
): UserFunctionError {
  const failure =
    error instanceof UserFunctionError
      ? error
      : new UserFunctionError(
          `worker '${io.name}': the ${template} function threw${where}: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
  const detail = error instanceof Error && error !== failure ? error.stack : failure.stack;
  io.logError(`[${io.name}] ${failure.message}\n${detail ?? ''}\n`);
  if (io.isSupervised) return failure;
  io.shutdownSinks();
  io.leaveSources();
  return failure;
}

/** On an error that is not the worker's (a buffer failing): give back what is held (unless control does), then rethrow. */
export function releaseAfterError(io: BufferIO): void {
  if (io.isSupervised) return;
  io.shutdownSinks();
  io.closeSources();
}
