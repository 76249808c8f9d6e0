// What a bench process measures over its event window, not its start-up: CPU time, time runnable
// but not running, read + write system calls and, with --instructions, perf's counts (or with
// --instructions=callgrind, callgrind's). Used by the bench children and by the worker module of
// the CLI scenarios (worker-module.ts).
import { CALLGRIND_COUNTER, CallgrindWindow } from '../perf/callgrind-window.js';
import {
  endPerfWindow,
  INSTRUCTIONS_VARIABLE,
  startPerfWindow,
  type PerfWindow,
} from '../perf/perf-window.js';
import { cpuSecondsSince, runQueueMs, syscallCount } from './protocol.js';

/** The report fields of one window; all 0 when it was never opened (no event came). */
export type EventWindowFigures = Record<string, number | string> & {
  cpu_s: number;
  runqueue_ms: number;
  syscalls: number;
};

export class EventWindow {
  /** Attached at construction, so perf's start-up is not in the window: make it before `ready`. */
  readonly #perf: PerfWindow | undefined = startPerfWindow();
  readonly #callgrind =
    process.env[INSTRUCTIONS_VARIABLE] === CALLGRIND_COUNTER ? new CallgrindWindow() : undefined;
  #cpuStart: NodeJS.CpuUsage | undefined;
  #runQueueStartMs = 0;
  #syscallStart = 0;

  /** Starts the window (at the first event); later calls do nothing. */
  open(): void {
    if (this.#cpuStart !== undefined) return;
    this.#perf?.enable();
    this.#cpuStart = process.cpuUsage();
    this.#runQueueStartMs = runQueueMs();
    this.#syscallStart = syscallCount();
    this.#callgrind?.enable();
  }

  /**
   * Ends the window and gives its figures (perf's last, so its own reads are not counted; callgrind
   * counts only between the end of open() and the start of close()).
   */
  close(): EventWindowFigures {
    this.#callgrind?.disable();
    const start = this.#cpuStart;
    const figures =
      start === undefined
        ? { cpu_s: 0, runqueue_ms: 0, syscalls: 0 }
        : {
            cpu_s: cpuSecondsSince(start),
            runqueue_ms: runQueueMs() - this.#runQueueStartMs,
            syscalls: syscallCount() - this.#syscallStart,
          };
    return { ...figures, ...endPerfWindow(this.#perf), ...this.#callgrind?.finish() };
  }
}
