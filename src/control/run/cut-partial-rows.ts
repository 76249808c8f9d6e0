import { join } from 'node:path';
import { cutPartialLastLine, latestFile } from '../../functions/files/index.js';
import type { ResolvedWorker } from '../setup/index.js';

/**
 * After a process of `worker` died, cuts a partial last row off each file of lines it writes (a
 * CSV written when it was killed), so that the file parses. Returns a notice per file cut.
 */
export function cutPartialRows(runDir: string, worker: ResolvedWorker): string[] {
  const notices: string[] = [];
  for (const file of worker.files) {
    if (file.rows !== 'lines') continue;
    const path = latestFile(join(runDir, file.path), file.numbered === true);
    try {
      const cut = cutPartialLastLine(path);
      if (cut > 0)
        notices.push(`${path}: cut off a partial last row (${cut} bytes) that worker '${worker.name}' left`);
    } catch (error) {
      notices.push(`${path}: could not cut off a partial last row: ${(error as Error).message}`);
    }
  }
  return notices;
}
