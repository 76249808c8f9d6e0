import { DisplayReader, displayKey, type DisplayFrame } from '../../display/index.js';
import { appendLogLines, isErrorNotice, LogFollower, type LogLine } from '../logs/index.js';
import type { Run, RunResult } from '../run/run.js';
import type { RunSnapshot } from '../stats/snapshot.js';
import { executeRunCommand, type CommandReply, type RunCommand } from './run-command.js';
import { describeRun, type RunInfo } from './run-info.js';
import { SeriesHistory } from './series-history.js';

/** The name under which control's own notices appear among the logs. */
export const CONTROL_LOG_NAME = 'control';

/** Seconds of full snapshots kept for a TUI that attaches (its charts show the last minute). */
const RECENT_SNAPSHOTS_S = 61;
/** How often the display files are read while a viewer shows them (they publish up to 10 a second). */
const WATCHED_DISPLAYS_INTERVAL_MS = 100;

/** One change of what a viewer shows, in the order they happen. */
export type FeedUpdate =
  | { readonly type: 'snapshot'; readonly snapshot: RunSnapshot }
  /** New output lines of the workers, and control's notices. */
  | { readonly type: 'lines'; readonly lines: readonly LogLine[] }
  /** Something a person should know (also among the lines). */
  | { readonly type: 'notice'; readonly message: string }
  /** Displays with a newer frame. */
  | { readonly type: 'displays'; readonly frames: readonly DisplayFrame[] }
  /** The last update. */
  | { readonly type: 'finished'; readonly result: RunResult };

/** Everything a viewer joining now is given before the live updates. */
export interface FeedState {
  readonly info: RunInfo;
  /** Full snapshots of the last minute, oldest first. */
  readonly recent: readonly RunSnapshot[];
  readonly lines: readonly LogLine[];
  /** Each display's newest frame, in the order the displays first appeared. */
  readonly frames: readonly DisplayFrame[];
  readonly result: RunResult | undefined;
}

/**
 * What a live run shows its viewers (the TUI, an attached TUI, the web page): statistics over
 * time, the workers' output, their displays, control's notices, and the result. The workers'
 * log files and display files are read only once a viewer has opened the feed, so a run that
 * nobody watches pays nothing for it.
 */
export class RunFeed {
  readonly run: Run;
  readonly info: RunInfo;
  readonly history: SeriesHistory;
  readonly #displayReader: DisplayReader;
  readonly #record: (message: string) => void;
  readonly #listeners = new Set<(update: FeedUpdate) => void>();
  /** Resolves once the feed has told its viewers that the run has finished. */
  readonly finished: Promise<RunResult>;
  readonly #frames = new Map<string, DisplayFrame>();
  #recent: RunSnapshot[] = [];
  #lines: readonly LogLine[] = [];
  #follower: LogFollower | undefined;
  #isOpened = false;
  #watchers = 0;
  #displayTimer: NodeJS.Timeout | undefined;
  #result: RunResult | undefined;

  /** `record`: writes a line to control.log (what a viewer asked for, and from where). */
  constructor(run: Run, record: (message: string) => void = () => undefined) {
    this.run = run;
    this.#record = record;
    const startedAt = (run.snapshot?.time ?? Date.now() / 1000) - (run.snapshot?.elapsed ?? 0);
    this.info = describeRun(run.setup, run.directory.path, run.roots, startedAt);
    this.history = new SeriesHistory(run.setup.buffers.length, run.setup.workers.length);
    this.#displayReader = new DisplayReader(run.displayDir);
    if (run.snapshot !== undefined) this.#remember(run.snapshot);
    run.on('snapshot', (snapshot) => {
      this.#remember(snapshot);
      if (this.#isOpened) this.#readDisplays();
      this.#emit({ type: 'snapshot', snapshot });
    });
    run.onNotice((message) => {
      this.#append([
        { worker: CONTROL_LOG_NAME, processIndex: undefined, text: message, isError: isErrorNotice(message) },
      ]);
      this.#emit({ type: 'notice', message });
    });
    this.finished = run.finished.then((result) => {
      this.#stopWatching();
      this.#follower?.close();
      this.#result = result;
      this.#remember(result.snapshot);
      this.#emit({ type: 'finished', result });
      return result;
    });
  }

  /** Calls `listener` with every update from now on, until the returned function is called. */
  subscribe(listener: (update: FeedUpdate) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  #emit(update: FeedUpdate): void {
    for (const listener of this.#listeners) listener(update);
  }

  get isFinished(): boolean {
    return this.#result !== undefined;
  }

  get result(): RunResult | undefined {
    return this.#result;
  }

  get latest(): RunSnapshot | undefined {
    return this.#recent.at(-1);
  }

  /** The state a viewer starts from. Opens the feed: logs and displays are read from now on. */
  open(): FeedState {
    if (!this.#isOpened && this.#result === undefined) {
      this.#isOpened = true;
      this.#follower = new LogFollower(
        this.run.directory.logsDir,
        this.run.setup.workers.map((worker) => worker.name),
      );
      this.#follower.on('lines', (lines) => this.#append(lines));
      this.#follower.start();
      this.#follower.poll();
      this.#readDisplays();
    }
    return {
      info: this.info,
      recent: this.#recent,
      lines: this.#lines,
      frames: [...this.#frames.values()],
      result: this.#result,
    };
  }

  /** Carries out a viewer's command and writes it, with `origin`, to control.log. */
  command(command: RunCommand, origin: string): CommandReply {
    const reply = executeRunCommand(this.run, command, this.isFinished);
    this.#record(`${origin}: ${reply.ok ? '' : 'refused: '}${reply.message}`);
    return reply;
  }

  /** Writes a line to control.log, e.g. a refused web request. */
  record(message: string): void {
    this.#record(message);
  }

  /**
   * A viewer shows displays: their files are read at the displays' own rate until every viewer
   * has called the returned function.
   */
  watchDisplays(): () => void {
    let isWatching = true;
    if (++this.#watchers === 1 && this.#result === undefined) {
      this.#displayTimer = setInterval(() => this.#readDisplays(), WATCHED_DISPLAYS_INTERVAL_MS);
      this.#displayTimer.unref();
    }
    return () => {
      if (!isWatching) return;
      isWatching = false;
      if (--this.#watchers === 0) this.#stopWatching();
    };
  }

  #stopWatching(): void {
    clearInterval(this.#displayTimer);
    this.#displayTimer = undefined;
  }

  #remember(snapshot: RunSnapshot): void {
    this.history.append(snapshot);
    const oldest = snapshot.time - RECENT_SNAPSHOTS_S;
    this.#recent = this.#recent.filter((s) => s.time >= oldest && s.time < snapshot.time);
    this.#recent.push(snapshot);
  }

  #append(lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    this.#lines = appendLogLines(this.#lines, lines);
    this.#emit({ type: 'lines', lines });
  }

  #readDisplays(): void {
    const changed: DisplayFrame[] = [];
    for (const frame of this.#displayReader.read()) {
      const key = displayKey(frame);
      const known = this.#frames.get(key);
      if (known !== undefined && known.sequence >= frame.sequence) continue;
      this.#frames.set(key, frame);
      changed.push(frame);
    }
    if (changed.length > 0) this.#emit({ type: 'displays', frames: changed });
  }
}
