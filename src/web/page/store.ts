import type { RunInfo, RunStatus } from '../../control/live/index.js';
import type { LogLine } from '../../control/logs/index.js';
import type { RunResult } from '../../control/run/run.js';
import type { RunSnapshot } from '../../control/stats/snapshot.js';
import type { DisplayFrame } from '../../display/index.js';
import type { PageEvents, PageInit } from '../page-state.js';

/** Samples the charts keep (an hour at one a second, as the server). */
const MAX_SAMPLES = 3600;
/** Log lines the page keeps. */
export const MAX_LINES = 5000;

/** The quantities over time that the charts draw, in columns. */
export interface History {
  time: number[];
  rates: number[][];
  filled: number[][];
  workerCpu: number[][];
  controlCpu: number[];
  systemCpu: number[];
}

/** How the page hears from control: live, (re)connecting, lost, or done because the run finished. */
export type Connection = 'connecting' | 'live' | 'lost' | 'finished';

/** Which parts of the page changed since they were drawn. */
export interface Changes {
  all: boolean;
  snapshot: boolean;
  lines: LogLine[];
  displays: Set<string>;
  connection: boolean;
}

/** Everything the page shows, kept up to date from the server's events. */
export class Store {
  info: RunInfo | undefined;
  status: RunStatus | undefined;
  latest: RunSnapshot | undefined;
  history: History = emptyHistory();
  lines: LogLine[] = [];
  frames = new Map<string, DisplayFrame>();
  result: RunResult | undefined;
  connection: Connection = 'connecting';
  notice: string | undefined;
  hasDataFlow = false;
  changes: Changes = noChanges();

  /** The whole state, on every (re)connection. */
  init(state: PageInit): void {
    this.info = state.info;
    this.status = state.status;
    this.latest = state.latest;
    const h = state.history;
    this.history = {
      time: [...h.time],
      rates: h.rates.map((c) => [...c]),
      filled: h.filled.map((c) => [...c]),
      workerCpu: h.workerCpu.map((c) => [...c]),
      controlCpu: [...h.controlCpu],
      systemCpu: [...h.systemCpu],
    };
    this.lines = [...state.lines];
    this.frames = new Map(state.frames.map((frame) => [frameKey(frame), frame]));
    this.result = state.result;
    this.hasDataFlow = state.hasDataFlow;
    this.changes = { ...noChanges(), all: true };
  }

  snapshot({ snapshot, status, hasDataFlow }: PageEvents['snapshot']): void {
    this.latest = snapshot;
    this.status = status;
    this.hasDataFlow = hasDataFlow;
    this.#append(snapshot);
    this.changes.snapshot = true;
  }

  addLines(lines: readonly LogLine[]): void {
    this.lines.push(...lines);
    if (this.lines.length > MAX_LINES) this.lines.splice(0, this.lines.length - MAX_LINES);
    this.changes.lines.push(...lines);
    // A page that was not drawn for long (a hidden tab) draws the logs anew instead.
    if (this.changes.lines.length > MAX_LINES) {
      this.changes.all = true;
      this.changes.lines = [];
    }
  }

  addDisplays(frames: readonly DisplayFrame[]): void {
    for (const frame of frames) {
      const key = frameKey(frame);
      const known = this.frames.get(key);
      if (known !== undefined && known.sequence >= frame.sequence) continue;
      this.frames.set(key, frame);
      this.changes.displays.add(key);
    }
  }

  finish(result: RunResult): void {
    this.result = result;
    this.latest = result.snapshot;
    if (this.status !== undefined) this.status = { ...this.status, state: 'finished' };
    this.#append(result.snapshot);
    this.changes.snapshot = true;
  }

  setConnection(connection: Connection): void {
    this.connection = connection;
    this.changes.connection = true;
  }

  /** The changes since the last call. */
  takeChanges(): Changes {
    const changes = this.changes;
    this.changes = noChanges();
    return changes;
  }

  #append(snapshot: RunSnapshot): void {
    const h = this.history;
    if (h.time.at(-1) === snapshot.time) return;
    h.time.push(snapshot.time);
    snapshot.buffers.forEach((b, i) => {
      (h.rates[i] ??= []).push(b.rate);
      (h.filled[i] ??= []).push(b.filled);
    });
    snapshot.workers.forEach((w, i) => (h.workerCpu[i] ??= []).push(w.cpuPercent));
    h.controlCpu.push(snapshot.control.cpuPercent);
    h.systemCpu.push(snapshot.system.cpuPercent);
    if (h.time.length > MAX_SAMPLES)
      for (const column of [h.time, ...h.rates, ...h.filled, ...h.workerCpu, h.controlCpu, h.systemCpu])
        column.shift();
  }
}

/** A display's identity: `worker#index/name` (as src/display's displayKey). */
export function frameKey(frame: Pick<DisplayFrame, 'worker' | 'processIndex' | 'name'>): string {
  return `${frame.worker}#${frame.processIndex}/${frame.name}`;
}

function emptyHistory(): History {
  return { time: [], rates: [], filled: [], workerCpu: [], controlCpu: [], systemCpu: [] };
}

function noChanges(): Changes {
  return { all: false, snapshot: false, lines: [], displays: new Set(), connection: false };
}
