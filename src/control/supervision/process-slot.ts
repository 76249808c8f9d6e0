import type { ResolvedWorker } from '../setup/index.js';
import type { WorkerExit, WorkerProcess } from './worker-process.js';

/** A restart of one process, for the summary and the log. */
export interface RestartRecord {
  readonly worker: string;
  readonly index: number;
  /** Pid of the process that failed. */
  readonly pid: number | undefined;
  /** Seconds since the epoch when it failed. */
  readonly at: number;
  /** Why it failed, in words: `was killed by SIGKILL`, `used 600M, above max_memory 512M`. */
  readonly reason: string;
}

/**
 * One process place of a worker (`worker[index]`) as control supervises it: the process that runs
 * there now, and its history of restarts. A place is done when its process has exited and no
 * restart is coming.
 */
export class ProcessSlot {
  readonly worker: ResolvedWorker;
  readonly index: number;
  process: WorkerProcess;
  /** Seconds since the epoch when the current process was started. */
  startedAt: number;
  /** How the current process ended; undefined while it lives. */
  exit: WorkerExit | undefined = undefined;
  restarts = 0;
  /** CPU time of the current process at the last reading, kept once it has exited. */
  cpuSeconds = 0;
  /** A person or the shutdown asked it to end: it is not restarted. */
  isStopping = false;
  /** Why a watchdog killed the current process. */
  killReason: string | undefined = undefined;
  restartTimer: NodeJS.Timeout | undefined = undefined;
  /** The failure the coming restart answers; listed among the restarts once that takes place. */
  pendingRestart: RestartRecord | undefined = undefined;

  constructor(worker: ResolvedWorker, index: number, process: WorkerProcess) {
    this.worker = worker;
    this.index = index;
    this.process = process;
    this.startedAt = Date.now() / 1000;
  }

  get name(): string {
    return `worker '${this.worker.name}' process ${this.index}`;
  }

  get isAlive(): boolean {
    return this.exit === undefined;
  }

  get isWaitingForRestart(): boolean {
    return this.restartTimer !== undefined;
  }

  get isDone(): boolean {
    return this.exit !== undefined && this.restartTimer === undefined;
  }

  /** Takes the next process's place (a restart). */
  replace(process: WorkerProcess): void {
    this.process = process;
    this.startedAt = Date.now() / 1000;
    this.exit = undefined;
    this.killReason = undefined;
    this.restartTimer = undefined;
    this.pendingRestart = undefined;
  }
}

/** Whether a process ended badly: an error, a signal, a non-zero code. */
export function isFailure(exit: WorkerExit): boolean {
  return exit.code !== 0 || exit.signal !== null;
}

/** How a process ended, in words: `was killed by SIGKILL: <error>`, `exited with code 1`. */
export function describeExit(exit: WorkerExit, killReason: string | undefined): string {
  if (killReason !== undefined) return `was killed: ${killReason}`;
  const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  return exit.error ? `${how}: ${exit.error.message}` : how;
}
