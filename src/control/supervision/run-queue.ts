import { readFileSync } from 'node:fs';

/**
 * Milliseconds the main thread of process `pid` has been runnable but waiting for a CPU, from
 * /proc/<pid>/schedstat (Linux); 0 where that is unknown (no such file, or the process is gone).
 */
export function runQueueWaitMs(pid: number | 'self'): number {
  try {
    const waitedNs = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]);
    return Number.isFinite(waitedNs) ? waitedNs / 1e6 : 0;
  } catch {
    return 0;
  }
}
