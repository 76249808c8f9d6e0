import { DEFAULT_BUFFER_ROOT } from '../control/run/buffer-directory.js';

/** Names another buffer root than the default (another tmpfs; tests keep their runs apart with it). */
export const BUFFER_ROOT_VARIABLE = 'MIMOCORB2_BUFFER_ROOT';

/**
 * Where runs make their buffer directories, and where status, attach and stop look for them:
 * `option` (run's `--buffer-root`) when given, else the environment variable, else the default.
 */
export function bufferRootOf(environment: NodeJS.ProcessEnv = process.env, option?: string): string {
  if (option !== undefined) return option;
  const root = environment[BUFFER_ROOT_VARIABLE];
  return root !== undefined && root !== '' ? root : DEFAULT_BUFFER_ROOT;
}
