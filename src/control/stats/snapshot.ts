// What control knows about a run at one moment; the UI, stats.csv and the summary read these.

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
}

export type ProcessState = 'starting' | 'running' | 'stopping' | 'exited';

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
}

export interface WorkerSnapshot {
  readonly name: string;
  readonly processesAlive: number;
  readonly processesTotal: number;
  /** Summed over the worker's processes. */
  readonly cpuPercent: number;
  readonly rssBytes: number;
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
  readonly system: {
    readonly cpuPercent: number;
    readonly memUsedBytes: number;
    readonly memTotalBytes: number;
  };
}
