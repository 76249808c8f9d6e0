import { EventEmitter } from 'node:events';
import type { FeedState, RunCommand } from '../control/live/index.js';
import type { RunResult } from '../control/run/run.js';
import type { RunSnapshot } from '../control/stats/snapshot.js';
import { DisplayStore } from '../ui/display-store.js';
import { LogStore } from '../ui/log-store.js';
import type { TuiControl } from '../ui/tui-control.js';
import type { ControlClient } from './control-client.js';
import type { ServerMessage } from './protocol.js';

interface RemoteEvents {
  snapshot: [RunSnapshot];
  notice: [string];
}

/** Who the commands come from, in control.log. */
const ORIGIN = { program: 'mimocorb2 attach', pid: process.pid };

/**
 * The TUI's view of a run that another process (control) supervises, over its control socket:
 * what control sent at the attach and every update since; the commands go back to control.
 * `detach` leaves the run going; `lost` resolves when the connection ends before the run.
 */
export class RemoteRunControl implements TuiControl {
  readonly runDirectory: string;
  readonly roots: readonly string[];
  readonly workers: readonly string[];
  readonly finished: Promise<RunResult>;
  readonly history: readonly RunSnapshot[];
  readonly pinnedLines: readonly string[];
  readonly logs = new LogStore();
  readonly displays: DisplayStore;
  /** Resolves when the connection to control ended while the run had not finished. */
  readonly lost: Promise<void>;
  readonly #client: ControlClient;
  readonly #events = new EventEmitter<RemoteEvents>();
  #snapshot: RunSnapshot | undefined;
  #result: RunResult | undefined;
  #nextId = 1;
  #isDetached = false;

  /** `pinnedLines`: what the TUI keeps under its status row (the web page's address). */
  constructor(client: ControlClient, state: FeedState, pinnedLines: readonly string[] = []) {
    this.#client = client;
    this.pinnedLines = pinnedLines;
    this.runDirectory = state.info.runDirectory;
    this.roots = state.info.roots;
    this.workers = state.info.workers.map((worker) => worker.name);
    this.history = state.recent;
    this.#snapshot = state.recent.at(-1);
    this.logs.append(state.lines);
    this.displays = new DisplayStore((isWatched) => client.send({ type: 'watch-displays', isWatched }));
    this.displays.update(state.frames);
    let resolveFinished: (result: RunResult) => void = () => undefined;
    this.finished = new Promise((resolve) => (resolveFinished = resolve));
    if (state.result !== undefined) {
      this.#result = state.result;
      resolveFinished(state.result);
    }
    client.onMessage((message) => this.#take(message, resolveFinished));
    const never = new Promise<void>(() => undefined);
    this.lost = client.closed.then(() =>
      this.#result === undefined && !this.#isDetached ? undefined : never,
    );
  }

  #take(message: ServerMessage, resolveFinished: (result: RunResult) => void): void {
    switch (message.type) {
      case 'snapshot':
        this.#snapshot = message.snapshot;
        return void this.#events.emit('snapshot', message.snapshot);
      case 'lines':
        return this.logs.append(message.lines);
      case 'notice':
        return void this.#events.emit('notice', message.message);
      case 'displays':
        return this.displays.update(message.frames);
      case 'finished':
        this.#result = message.result;
        this.#snapshot = message.result.snapshot;
        return resolveFinished(message.result);
      case 'reply':
        if (!message.reply.ok) this.#events.emit('notice', message.reply.message);
        return;
      case 'error':
        return void this.#events.emit('notice', `control: ${message.message}`);
    }
  }

  /** Set once control has said that the run finished. */
  get result(): RunResult | undefined {
    return this.#result;
  }

  get snapshot(): RunSnapshot | undefined {
    return this.#snapshot;
  }

  get processesAlive(): number {
    return this.#snapshot?.processes.filter((p) => p.state !== 'exited').length ?? 0;
  }

  onSnapshot(listener: (snapshot: RunSnapshot) => void) {
    this.#events.on('snapshot', listener);
    return () => void this.#events.off('snapshot', listener);
  }

  onNotice(listener: (message: string) => void) {
    this.#events.on('notice', listener);
    return () => void this.#events.off('notice', listener);
  }

  #command(command: RunCommand): void {
    this.#client.send({ type: 'command', id: this.#nextId++, command, origin: ORIGIN });
  }

  setRootsPaused(paused: boolean): void {
    this.#command({ type: paused ? 'pause-roots' : 'resume-roots' });
  }
  stopRoots(): void {
    this.#command({ type: 'stop-roots' });
  }
  stopAll(): void {
    this.#command({ type: 'end-all' });
  }
  killWorker(worker: string): void {
    this.#command({ type: 'kill-worker', worker });
  }
  killProcess(worker: string, index: number): void {
    this.#command({ type: 'kill-process', worker, index });
  }
  killAll(): void {
    this.#command({ type: 'kill-all' });
  }
  shutdown(): void {
    this.#command({ type: 'shutdown' });
  }
  /** Never sent from an attached TUI: there Ctrl-C detaches. */
  interrupt(): void {
    this.detach();
  }
  readonly detach = (): void => {
    this.#isDetached = true;
    this.#client.close();
  };
}
