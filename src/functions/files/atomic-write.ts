import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { exportFileError } from './file-error.js';

/**
 * Replaces `path` with `data` at once: writes a temporary file beside it and renames it over the
 * file, so that a reader (or a crash) sees the old file or the new one, never half of one.
 */
export function writeFileAtomically(path: string, data: string | Uint8Array): void {
  // <file>.<pid>.tmp: a restarted exporter removes what a killed one left (histogram.ts).
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw exportFileError('write', path, error);
  }
}
