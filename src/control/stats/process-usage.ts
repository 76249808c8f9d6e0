import pidusage from 'pidusage';

export interface ProcessUsage {
  readonly cpuPercent: number;
  readonly rssBytes: number;
  /** CPU time (user and system) since the process started. */
  readonly cpuSeconds: number;
}

/**
 * CPU % and memory of a set of processes, one pidusage call per pid per tick. A pid that is gone
 * has exited; that is not an error, it just has no reading.
 */
export async function sampleProcesses(pids: readonly number[]): Promise<Map<number, ProcessUsage>> {
  const usage = new Map<number, ProcessUsage>();
  const results = await Promise.allSettled(pids.map((pid) => pidusage(pid)));
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') {
      usage.set(pids[i] as number, {
        cpuPercent: result.value.cpu,
        rssBytes: result.value.memory,
        cpuSeconds: result.value.ctime / 1000,
      });
    }
  });
  return usage;
}

/** Forgets pidusage's per-pid history (call when the run ends). */
export function stopSamplingProcesses(): void {
  pidusage.clear();
}
