import { EventEmitter } from 'node:events';
import type { LogFollower } from '../control/logs/index.js';
import { findRootBuffers } from '../control/run/data-flow.js';
import type { Run, RunResult } from '../control/run/run.js';
import type { ResolvedSetup } from '../control/setup/index.js';
import type { RunSnapshot } from '../control/stats/snapshot.js';
import { DisplayReader } from '../display/index.js';
import { DisplayStore } from './display-store.js';
import { LogStore } from './log-store.js';
import type { TuiControl } from './tui-control.js';

/** While a display tab is shown: as often as a display may publish (10 frames a second). */
const WATCHED_DISPLAYS_INTERVAL_MS = 100;

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
  #isFinished = false;
  #displayReader: DisplayReader | undefined;
  #displayTimer: NodeJS.Timeout | undefined;

  /** `onInterruptWhileStarting`: Ctrl-C before the run is attached (abort the start). */
  constructor(setup: ResolvedSetup, onInterruptWhileStarting?: () => void) {
    this.#onInterruptWhileStarting = onInterruptWhileStarting;
    this.roots = findRootBuffers(setup);
    this.workers = setup.workers.map((worker) => worker.name);
    this.#processCount = setup.workers.reduce((sum, worker) => sum + worker.numberOfProcesses, 0);
    this.finished = new Promise((resolve) => (this.#resolveFinished = resolve));
  }

  /** Connects the started run and its log follower, and carries out the commands given so far. */
  attach(run: Run, follower: LogFollower): void {
    this.#run = run;
    this.#displayReader = new DisplayReader(run.displayDir);
    // Displays are read with every snapshot (the last one comes before the files are removed),
    // and more often while a display tab is shown.
    run.on('snapshot', (snapshot) => {
      this.#readDisplays();
      this.#events.emit('snapshot', snapshot);
    });
    this.#setDisplaysWatched(this.displays.isWatched);
    run.on('notice', (message) => {
      this.logs.appendNotice(message);
      this.#events.emit('notice', message);
    });
    follower.on('lines', (lines) => this.logs.append(lines));
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

  #readDisplays(): void {
    if (this.#displayReader !== undefined) this.displays.update(this.#displayReader.read());
  }

  #setDisplaysWatched(isWatched: boolean): void {
    clearInterval(this.#displayTimer);
    this.#displayTimer = undefined;
    if (isWatched && this.#displayReader !== undefined && !this.#isFinished)
      this.#displayTimer = setInterval(() => this.#readDisplays(), WATCHED_DISPLAYS_INTERVAL_MS);
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
