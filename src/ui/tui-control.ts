import type { RunResult } from '../control/run/run.js';
import type { RunSnapshot } from '../control/stats/snapshot.js';
import type { DisplayStore } from './display-store.js';
import type { LogStore } from './log-store.js';

export type Unsubscribe = () => void;

/** What the terminal UI needs from a run: statistics, output, and the commands a person gives. */
export interface TuiControl {
  readonly runDirectory: string;
  readonly roots: readonly string[];
  readonly workers: readonly string[];
  /** The latest statistics (control samples them every second); never read from buffers. */
  readonly snapshot: RunSnapshot | undefined;
  readonly processesAlive: number;
  readonly finished: Promise<RunResult>;
  /** Every process's output and control's notices, collected from the start of the run. */
  readonly logs: LogStore;
  /** The displays the workers publish (oscilloscopes, histograms), each the newest frame. */
  readonly displays: DisplayStore;
  onSnapshot(listener: (snapshot: RunSnapshot) => void): Unsubscribe;
  onNotice(listener: (message: string) => void): Unsubscribe;
  setRootsPaused(paused: boolean): void;
  /** Sources stop at their next event; the chain drains. */
  stopRoots(): void;
  /** Every buffer ends now. */
  stopAll(): void;
  killWorker(worker: string): void;
  killProcess(worker: string, index: number): void;
  killAll(): void;
  /** The staged shutdown: stop the roots, then end every buffer, then terminate what is left. */
  shutdown(): void;
  /** Ctrl-C: the first shuts down in order (exit code 130), the second kills. */
  interrupt(): void;
  /**
   * Only in a TUI attached to a run elsewhere (`mimocorb2 attach`): leaves it running. The `d`
   * key and Ctrl-C call it, and the TUI leaves.
   */
  readonly detach?: () => void;
  /** Lines shown under the status row for the whole run, whole: the web page's address (--http). */
  readonly pinnedLines?: readonly string[];
  /** The snapshots of the last minute a TUI attaching now starts from. */
  readonly history?: readonly RunSnapshot[];
}
