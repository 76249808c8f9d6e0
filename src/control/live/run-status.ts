import type { RunFeed } from './run-feed.js';

/**
 * `running`; `paused` (the roots discard new events); `stopping` (the roots were asked to stop,
 * or the run shuts down); `finished` (every process is gone).
 */
export type RunState = 'running' | 'paused' | 'stopping' | 'finished';

/** What `status` and the page's header show of a live run. */
export interface RunStatus {
  readonly runId: string;
  readonly runDirectory: string;
  readonly setupFile: string;
  readonly controlPid: number;
  /** Seconds since the epoch. */
  readonly startedAt: number;
  /** Seconds since the start, at the latest statistics. */
  readonly elapsed: number;
  readonly state: RunState;
  readonly processesAlive: number;
  readonly processesTotal: number;
  /** The web page's address (without the token), when the run serves one. */
  readonly webAddress: string | undefined;
}

/** The run's state from its latest statistics (at most a second old) and its shutdown. */
export function runState(feed: RunFeed): RunState {
  if (feed.isFinished) return 'finished';
  const roots = feed.latest?.buffers.filter((buffer) => buffer.isRoot) ?? [];
  if (feed.run.isShuttingDown || roots.some((buffer) => buffer.stopRequested)) return 'stopping';
  if (roots.length > 0 && roots.every((buffer) => buffer.paused)) return 'paused';
  return 'running';
}

/** The status of the run behind `feed`. */
export function runStatus(feed: RunFeed, webAddress: string | undefined): RunStatus {
  const { info } = feed;
  const latest = feed.latest;
  return {
    runId: info.runId,
    runDirectory: info.runDirectory,
    setupFile: info.setupFile,
    controlPid: info.controlPid,
    startedAt: info.startedAt,
    elapsed: latest?.elapsed ?? Date.now() / 1000 - info.startedAt,
    state: runState(feed),
    processesAlive: feed.run.processesAlive,
    processesTotal: info.workers.reduce((sum, worker) => sum + worker.numberOfProcesses, 0),
    webAddress,
  };
}
