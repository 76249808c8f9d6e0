import type { PrebuiltTarget } from './worker-spec.js';

export interface RunOptions {
  /** Seconds after which the roots are asked to stop; the chain then drains. */
  readonly durationS?: number;
  /** SIGTERM to SIGKILL when a process is terminated. @default 3000 */
  readonly graceMs?: number;
  /** How long each shutdown stage waits for the processes to end before the next. @default 10000 */
  readonly stageTimeoutMs?: number;
  /** How long a worker may take to report ready. @default 10000 */
  readonly startTimeoutMs?: number;
  /** Where the run's buffer files are made. @default /dev/shm/mimocorb2-<uid> */
  readonly bufferRoot?: string;
  /** A worker's log file is rotated (`<worker>.log.1`, ... `.4`) beyond this size. @default 64 MiB */
  readonly logMaxBytes?: number;
  /** Seconds between statistics samples. @default 1 */
  readonly statsIntervalS?: number;
  /**
   * Nice value control takes once its workers are running (they keep theirs), so that drawing the
   * TUI or sampling statistics never takes a core from the data path. @default 10
   */
  readonly controlNice?: number;
  /** Aborting it during start() (e.g. Ctrl-C) stops every process and removes everything made. */
  readonly signal?: AbortSignal;
  /** Resolves a prebuilt function's name to the module that implements it. */
  readonly prebuiltFile?: (name: string) => PrebuiltTarget | undefined;
}

export const DEFAULT_GRACE_MS = 3000;
export const DEFAULT_CONTROL_NICE = 10;
export const DEFAULT_STAGE_TIMEOUT_MS = 10_000;
