// What control knows about a run at one moment; the UI, stats.csv and the summary read these.
import type { DiskSpace } from './disk-space.js';

export interface BufferSnapshot {
  readonly name: string;
  readonly slotCount: number;
  /** A buffer fed by a worker without sources: where events enter. */
  readonly isRoot: boolean;
  /** Events committed since the start. */
  readonly events: number;
  /** Events taken by readers since the start. */
  readonly read: number;
  /** Events committed per second over the last interval. */
  readonly rate: number;
  /** Fractions of the slots: filled (waiting for a reader), free, in use (being written or read). */
  readonly filled: number;
  readonly free: number;
  readonly inUse: number;
  /** Fraction of the last interval the writers spent waiting for a free slot (per writer). */
  readonly deadTime: number;
  /** Events written and not yet taken by a reader (nor overwritten): how far the readers trail. */
  readonly lag: number;
  /** Seconds from an event's timestamp to a reader taking it, median and 99th percentile of the
   * samples of the last AGE_WINDOW_SECONDS; null without samples. */
  readonly ageP50: number | null;
  readonly ageP99: number | null;
  readonly paused: boolean;
  readonly stopRequested: boolean;
  readonly ended: boolean;
  readonly discarded: number;
  readonly overwritten: number;
  readonly redelivered: number;
  readonly dropped: number;
  /** Events that could not be delivered because every reader of the buffer was gone. */
  readonly undeliverable: number;
}

/** `restarting`: the process failed and its restart is due after the backoff. */
export type ProcessState = 'starting' | 'running' | 'stopping' | 'restarting' | 'exited';

export interface ProcessSnapshot {
  readonly worker: string;
  readonly index: number;
  readonly pid: number;
  readonly state: ProcessState;
  readonly cpuPercent: number;
  readonly rssBytes: number;
  /** CPU time since the process started, at its last reading (also after it has exited). */
  readonly cpuSeconds: number;
  /** Seconds since the epoch. */
  readonly startedAt: number;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** How often this process place was restarted. */
  readonly restarts: number;
}

export interface WorkerSnapshot {
  readonly name: string;
  readonly processesAlive: number;
  readonly processesTotal: number;
  /** Summed over the worker's processes. */
  readonly cpuPercent: number;
  readonly rssBytes: number;
  /** Restarts of its processes so far. */
  readonly restarts: number;
}

export interface RunSnapshot {
  /** Seconds since the epoch. */
  readonly time: number;
  /** Seconds since the workers were started. */
  readonly elapsed: number;
  readonly buffers: readonly BufferSnapshot[];
  readonly workers: readonly WorkerSnapshot[];
  readonly processes: readonly ProcessSnapshot[];
  readonly control: { readonly cpuPercent: number; readonly rssBytes: number };
  /** The free space where the run writes; undefined when it cannot be read. */
  readonly disk?: DiskSpace;
  readonly system: {
    readonly cpuPercent: number;
    readonly memUsedBytes: number;
    readonly memTotalBytes: number;
  };
}
