// What the server sends the page (src/web/page imports these types; esbuild drops the imports).
import { existsSync } from 'node:fs';
import {
  runStatus,
  type FeedState,
  type RunFeed,
  type RunInfo,
  type RunStatus,
  type SeriesHistoryData,
} from '../control/live/index.js';
import type { LogLine } from '../control/logs/index.js';
import type { RunResult } from '../control/run/run.js';
import type { RunSnapshot } from '../control/stats/snapshot.js';
import type { DisplayFrame } from '../display/index.js';

/** The `init` event: everything the page shows, on every (re)connection. */
export interface PageInit {
  readonly info: RunInfo;
  readonly status: RunStatus;
  /** The charts' data of up to the last hour. */
  readonly history: SeriesHistoryData;
  readonly latest: RunSnapshot | undefined;
  readonly lines: readonly LogLine[];
  readonly frames: readonly DisplayFrame[];
  /** Set once the run has finished. */
  readonly result: RunResult | undefined;
  /** Whether data_flow.svg is drawn (control draws it as the run starts). */
  readonly hasDataFlow: boolean;
}

/** The `snapshot` event, each second. */
export interface PageSnapshot {
  readonly snapshot: RunSnapshot;
  readonly status: RunStatus;
  readonly hasDataFlow: boolean;
}

/** The events the page listens to, and what each carries. */
export interface PageEvents {
  readonly init: PageInit;
  readonly snapshot: PageSnapshot;
  readonly lines: readonly LogLine[];
  readonly notices: readonly string[];
  readonly displays: readonly DisplayFrame[];
  readonly finished: RunResult;
}

/** `GET /api/snapshot`: the latest statistics, for scripts. */
export interface SnapshotResponse {
  readonly info: RunInfo;
  readonly status: RunStatus;
  readonly snapshot: RunSnapshot | undefined;
  readonly result: RunResult | undefined;
}

/** What a control button sends (`POST /api/control`) is a RunCommand; this is the answer. */
export interface ControlResponse {
  readonly ok: boolean;
  readonly message: string;
}

export function pageState(feed: RunFeed, state: FeedState, webAddress: string): PageInit {
  return {
    info: state.info,
    status: runStatus(feed, webAddress),
    history: feed.history.data,
    latest: feed.latest,
    lines: state.lines,
    frames: state.frames,
    result: state.result,
    hasDataFlow: existsSync(feed.run.directory.dataFlowFile),
  };
}

export function snapshotMessage(feed: RunFeed, snapshot: RunSnapshot, webAddress: string): PageSnapshot {
  return {
    snapshot,
    status: runStatus(feed, webAddress),
    hasDataFlow: existsSync(feed.run.directory.dataFlowFile),
  };
}

export function snapshotResponse(feed: RunFeed, webAddress: string): SnapshotResponse {
  return {
    info: feed.info,
    status: runStatus(feed, webAddress),
    snapshot: feed.latest,
    result: feed.result,
  };
}
