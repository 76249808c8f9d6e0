import type { RunResult } from '../../../src/control/run/run.js';
import type {
  BufferSnapshot,
  ProcessSnapshot,
  RunSnapshot,
  WorkerSnapshot,
} from '../../../src/control/stats/snapshot.js';

/** A buffer snapshot with plain defaults; `fields` overrides them. */
export function bufferSnapshot(name: string, fields: Partial<BufferSnapshot> = {}): BufferSnapshot {
  return {
    name,
    slotCount: 128,
    isRoot: false,
    events: 0,
    read: 0,
    rate: 0,
    filled: 0,
    free: 1,
    inUse: 0,
    deadTime: 0,
    lag: 0,
    ageP50: null,
    ageP99: null,
    paused: false,
    stopRequested: false,
    ended: false,
    discarded: 0,
    overwritten: 0,
    redelivered: 0,
    dropped: 0,
    undeliverable: 0,
    ...fields,
  };
}

export function processSnapshot(
  worker: string,
  index: number,
  fields: Partial<ProcessSnapshot> = {},
): ProcessSnapshot {
  return {
    worker,
    index,
    pid: 1000 + index,
    state: 'running',
    cpuPercent: 0,
    rssBytes: 50 * 1024 * 1024,
    cpuSeconds: 12.5,
    startedAt: 1_000,
    exitCode: null,
    signal: null,
    restarts: 0,
    ...fields,
  };
}

/**
 * A run of `source` → raw (root) → `filter` → kept → `sink` ×2 at `time`, with the given buffer
 * and process fields.
 */
export function runSnapshot(
  time: number,
  options: {
    raw?: Partial<BufferSnapshot>;
    kept?: Partial<BufferSnapshot>;
    processes?: readonly ProcessSnapshot[];
  } = {},
): RunSnapshot {
  const processes = options.processes ?? [
    processSnapshot('source', 0, { pid: 2001, cpuPercent: 12.5 }),
    processSnapshot('filter', 0, { pid: 2002, cpuPercent: 30 }),
    processSnapshot('sink', 0, { pid: 2003, cpuPercent: 5 }),
    processSnapshot('sink', 1, { pid: 2004, cpuPercent: 6 }),
  ];
  const workers: WorkerSnapshot[] = ['source', 'filter', 'sink'].map((name) => {
    const own = processes.filter((p) => p.worker === name);
    return {
      name,
      processesAlive: own.filter((p) => p.state !== 'exited').length,
      processesTotal: own.length,
      cpuPercent: own.reduce((sum, p) => sum + p.cpuPercent, 0),
      rssBytes: own.reduce((sum, p) => sum + p.rssBytes, 0),
      restarts: own.reduce((sum, p) => sum + p.restarts, 0),
    };
  });
  return {
    time,
    elapsed: time - 1_000,
    buffers: [
      bufferSnapshot('raw', { isRoot: true, events: 123_456, rate: 2000, ...options.raw }),
      bufferSnapshot('kept', { events: 61_000, rate: 1000, ...options.kept }),
    ],
    workers,
    processes,
    control: { cpuPercent: 3, rssBytes: 120 * 1024 * 1024 },
    system: { cpuPercent: 42, memUsedBytes: 4 * 1024 ** 3, memTotalBytes: 16 * 1024 ** 3 },
  };
}

export function runResult(snapshot: RunSnapshot, exitCode: RunResult['exitCode'] = 0): RunResult {
  return {
    exitCode,
    seconds: snapshot.elapsed,
    snapshot,
    exits: snapshot.processes.map((p) => ({
      worker: p.worker,
      index: p.index,
      pid: p.pid,
      code: 0,
      signal: null,
      error: undefined,
      killReason: undefined,
      restarts: 0,
    })),
    restarts: [],
  };
}
