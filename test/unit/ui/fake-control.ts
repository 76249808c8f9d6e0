import { EventEmitter } from 'node:events';
import type { LogLine } from '../../../src/control/logs/index.js';
import type { RunResult } from '../../../src/control/run/run.js';
import type { RunSnapshot } from '../../../src/control/stats/snapshot.js';
import { DisplayStore } from '../../../src/ui/display-store.js';
import { LogStore } from '../../../src/ui/log-store.js';
import type { TuiControl } from '../../../src/ui/tui-control.js';

interface FakeEvents {
  snapshot: [RunSnapshot];
  notice: [string];
}

/** A TuiControl that records the commands it gets; tests push snapshots, lines and the end. */
export class FakeControl implements TuiControl {
  readonly runDirectory = '/tmp/target/run_2026-01-02_03-04-05';
  readonly roots: readonly string[];
  readonly workers: readonly string[];
  readonly finished: Promise<RunResult>;
  readonly calls: string[] = [];
  readonly logs = new LogStore();
  readonly displays = new DisplayStore();
  snapshot: RunSnapshot | undefined;
  processesAlive = 0;
  readonly #events = new EventEmitter<FakeEvents>();
  #finish: (result: RunResult) => void = () => undefined;

  constructor(roots: readonly string[], workers: readonly string[]) {
    this.roots = roots;
    this.workers = workers;
    this.finished = new Promise((resolve) => (this.#finish = resolve));
  }

  /** Sends a snapshot as control does once a second. */
  pushSnapshot(snapshot: RunSnapshot): void {
    this.snapshot = snapshot;
    this.processesAlive = snapshot.processes.filter((p) => p.state !== 'exited').length;
    this.#events.emit('snapshot', snapshot);
  }

  pushLines(lines: readonly LogLine[]): void {
    this.logs.append(lines);
  }

  pushNotice(text: string): void {
    this.logs.appendNotice(text);
    this.#events.emit('notice', text);
  }

  end(result: RunResult): void {
    this.processesAlive = 0;
    this.#finish(result);
  }

  onSnapshot(listener: (snapshot: RunSnapshot) => void) {
    this.#events.on('snapshot', listener);
    return () => void this.#events.off('snapshot', listener);
  }
  onNotice(listener: (message: string) => void) {
    this.#events.on('notice', listener);
    return () => void this.#events.off('notice', listener);
  }
  setRootsPaused(paused: boolean): void {
    this.calls.push(paused ? 'pause roots' : 'resume roots');
  }
  stopRoots(): void {
    this.calls.push('stop roots');
  }
  stopAll(): void {
    this.calls.push('stop all');
  }
  killWorker(worker: string): void {
    this.calls.push(`kill worker ${worker}`);
  }
  killProcess(worker: string, index: number): void {
    this.calls.push(`kill process ${worker}/${index}`);
  }
  killAll(): void {
    this.calls.push('kill all');
  }
  shutdown(): void {
    this.calls.push('shutdown');
  }
  interrupt(): void {
    this.calls.push('interrupt');
  }
}
