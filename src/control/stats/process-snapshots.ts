import type { ResolvedWorker } from '../setup/index.js';
import type { ProcessSlot } from '../supervision/index.js';
import type { ProcessUsage } from './process-usage.js';
import type { ProcessSnapshot, WorkerSnapshot } from './snapshot.js';

/** One snapshot per process place: the process there now, or how the last one ended. */
export function processSnapshots(
  slots: readonly ProcessSlot[],
  usage: ReadonlyMap<number, ProcessUsage>,
): ProcessSnapshot[] {
  return slots.map((slot) => {
    const pid = slot.process.pid;
    const reading = pid === undefined || !slot.isAlive ? undefined : usage.get(pid);
    if (reading !== undefined) slot.cpuSeconds = reading.cpuSeconds;
    return {
      worker: slot.worker.name,
      index: slot.index,
      pid: pid ?? 0,
      state: slot.isWaitingForRestart
        ? 'restarting'
        : !slot.isAlive
          ? 'exited'
          : slot.isStopping || slot.killReason !== undefined
            ? 'stopping'
            : 'running',
      cpuPercent: reading?.cpuPercent ?? 0,
      rssBytes: reading?.rssBytes ?? 0,
      cpuSeconds: slot.cpuSeconds,
      startedAt: slot.startedAt,
      exitCode: slot.exit?.code ?? null,
      signal: slot.exit?.signal ?? null,
      restarts: slot.restarts,
    };
  });
}

/** Each worker's processes summed. */
export function workerSnapshots(
  workers: readonly ResolvedWorker[],
  processes: readonly ProcessSnapshot[],
): WorkerSnapshot[] {
  return workers.map((w) => {
    const own = processes.filter((p) => p.worker === w.name);
    return {
      name: w.name,
      processesAlive: own.filter((p) => p.state !== 'exited' && p.state !== 'restarting').length,
      processesTotal: w.numberOfProcesses,
      cpuPercent: own.reduce((sum, p) => sum + p.cpuPercent, 0),
      rssBytes: own.reduce((sum, p) => sum + p.rssBytes, 0),
      restarts: own.reduce((sum, p) => sum + p.restarts, 0),
    };
  });
}
