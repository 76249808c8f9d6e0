import { EventEmitter } from 'node:events';
import type { RunFeed } from '../control/live/index.js';
import { findRootBuffers } from '../control/run/data-flow.js';
import type { Run, RunResult } from '../control/run/run.js';
import type { ResolvedSetup } from '../control/setup/index.js';
import type { RunSnapshot } from '../control/stats/snapshot.js';
import { DisplayStore } from './display-store.js';
import { LogStore } from './log-store.js';
import type { TuiControl } from './tui-control.js';

interface RunControlEvents {
  snapshot: [RunSnapshot];
  notice: [string];
}

/**
 * The TUI's view of a run, made before the run starts so the TUI can draw while the workers start
 * (its first frames cost control CPU that would otherwise be taken from the first second of
 * data). Commands given before the run is attached are carried out when it is; buffer commands
 * do nothing once the run has finished (its buffers are removed by then).
 */
export class RunControl implements TuiControl {
  readonly roots: readonly string[];
  readonly workers: readonly string[];
  readonly finished: Promise<RunResult>;
  readonly logs = new LogStore();
  readonly displays = new DisplayStore((isWatched) => this.#setDisplaysWatched(isWatched));
  readonly #events = new EventEmitter<RunControlEvents>();
  readonly #pending: ((run: Run) => void)[] = [];
  readonly #processCount: number;
  readonly #onInterruptWhileStarting: (() => void) | undefined;
  #resolveFinished: (result: RunResult) => void = () => undefined;
  #run: Run | undefined;
  #feed: RunFeed | undefined;
  #isFinished = false;
  #stopWatching: (() => void) | undefined;
  #pinnedLines: readonly string[] = [];

  /** `onInterruptWhileStarting`: Ctrl-C before the run is attached (abort the start). */
  constructor(setup: ResolvedSetup, onInterruptWhileStarting?: () => void) {
    this.#onInterruptWhileStarting = onInterruptWhileStarting;
    this.roots = findRootBuffers(setup);
    this.workers = setup.workers.map((worker) => worker.name);
    this.#processCount = setup.workers.reduce((sum, worker) => sum + worker.numberOfProcesses, 0);
    this.finished = new Promise((resolve) => (this.#resolveFinished = resolve));
  }

  /**
   * Connects the started run's feed, and carries out the commands given so far. `pinnedLines`
   * (the web page's address) stay on screen while the run goes on.
   */
  attach(feed: RunFeed, pinnedLines: readonly string[] = []): void {
    const run = feed.run;
    this.#pinnedLines = pinnedLines;
    this.#run = run;
    this.#feed = feed;
    const state = feed.open();
    this.logs.append(state.lines);
    this.displays.update(state.frames);
    feed.subscribe((update) => {
      if (update.type === 'lines') this.logs.append(update.lines);
      else if (update.type === 'displays') this.displays.update(update.frames);
      else if (update.type === 'snapshot') this.#events.emit('snapshot', update.snapshot);
      else if (update.type === 'notice') this.#events.emit('notice', update.message);
    });
    this.#setDisplaysWatched(this.displays.isWatched);
    void run.finished.then((result) => {
      this.#isFinished = true;
      this.#setDisplaysWatched(false);
      this.#resolveFinished(result);
    });
    for (const command of this.#pending.splice(0)) command(run);
  }

  get runDirectory(): string {
    return this.#run?.directory.path ?? '';
  }

  get pinnedLines(): readonly string[] {
    return this.#pinnedLines;
  }

  get snapshot(): RunSnapshot | undefined {
    return this.#run?.snapshot;
  }

  /** Before the run is attached, the processes being started. */
  get processesAlive(): number {
    return this.#run === undefined ? this.#processCount : this.#run.processesAlive;
  }

  onSnapshot(listener: (snapshot: RunSnapshot) => void) {
    this.#events.on('snapshot', listener);
    return () => void this.#events.off('snapshot', listener);
  }

  onNotice(listener: (message: string) => void) {
    this.#events.on('notice', listener);
    return () => void this.#events.off('notice', listener);
  }

  #setDisplaysWatched(isWatched: boolean): void {
    this.#stopWatching?.();
    this.#stopWatching = undefined;
    if (isWatched && this.#feed !== undefined && !this.#isFinished)
      this.#stopWatching = this.#feed.watchDisplays();
  }

  #command(action: (run: Run) => void): void {
    if (this.#isFinished) return;
    if (this.#run === undefined) this.#pending.push(action);
    else action(this.#run);
  }

  setRootsPaused(paused: boolean): void {
    this.#command((run) => run.setPaused('roots', paused));
  }
  stopRoots(): void {
    this.#command((run) => run.stop('roots'));
  }
  stopAll(): void {
    this.#command((run) => run.stop('all'));
  }
  killWorker(worker: string): void {
    this.#command((run) => void run.kill(worker));
  }
  killProcess(worker: string, index: number): void {
    this.#command((run) => void run.killProcess(worker, index));
  }
  killAll(): void {
    this.#command((run) => run.killAll());
  }
  shutdown(): void {
    this.#command((run) => void run.shutdown());
  }
  interrupt(): void {
    if (this.#run === undefined && this.#onInterruptWhileStarting !== undefined)
      this.#onInterruptWhileStarting();
    else this.#command((run) => run.interrupt());
  }
}
