import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import {
  CHILD_TO_CONTROL_FD,
  CONTROL_TO_CHILD_FD,
  deserializeError,
  encodeMessage,
  GO_BYTE,
  parseChildMessage,
  type ChildMessage,
  type WorkerPhase,
  type WorkerStartSpec,
} from '../messages.js';
import { workerLogPath } from '../log-files.js';
import { makeDeferred } from './deferred.js';
import { resolveParentDeathMode, type ParentDeathMode } from './parent-watch.js';
import { runQueueWaitMs } from './run-queue.js';
import { spawnWorker } from './spawn-worker.js';
import { WorkerStartError } from './worker-errors.js';
import { workerPrefix } from './worker-prefix.js';

export const DEFAULT_START_TIMEOUT_MS = 10_000;
/** The default under a worker prefix (valgrind starts node tens of times slower). */
const PREFIXED_START_TIMEOUT_MS = 180_000;
export const DEFAULT_GRACE_MS = 2_000;
export const DEFAULT_WATCHDOG_INTERVAL_MS = 250;
export const DEFAULT_EXIT_DRAIN_MS = 1_000;
/** After the exit, how long to wait for the child's last messages (a grandchild may hold its fd). */
const MESSAGE_FLUSH_MS = 200;

export interface WorkerProcessOptions {
  readonly spec: WorkerStartSpec;
  /** Where `<worker>.log` is appended to. @default `<spec.runDir>/logs` */
  readonly logDir?: string;
  /** Time from spawn to the ready message; then the start fails and the process is killed. @default 10000 */
  readonly startTimeoutMs?: number;
  /** How the process dies with control: setpriv's death signal, or a watchdog thread. @default 'auto' */
  readonly parentDeath?: ParentDeathMode | 'auto';
  /** Poll interval of the watchdog thread (parentDeath 'watchdog'). @default 250 */
  readonly watchdogIntervalMs?: number;
  /** How long async work may keep the process alive after its function returned. @default 1000 */
  readonly exitDrainMs?: number;
  /** Working directory of the process. @default control's */
  readonly cwd?: string;
  /** Added to control's environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/** How a worker process ended. */
export interface WorkerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** SIGKILL was needed after the grace period of terminate(). */
  readonly forced: boolean;
  /** terminate() or kill() ended it, not the process itself. */
  readonly isDeliberate: boolean;
  /** The error the process reported before it exited (load, start or run), rebuilt. */
  readonly error: Error | undefined;
}

/** Emitted as 'exit' when a process ends on its own (normally or not), never after terminate()/kill(). */
export interface WorkerExitEvent extends WorkerExit {
  readonly worker: string;
  readonly processIndex: number;
  readonly pid: number | undefined;
}

/**
 * created → starting → ready → running (go sent) → exited; a start that fails goes from
 * starting to failed (the process may still be ending) and then to exited.
 */
export type WorkerProcessState = 'created' | 'starting' | 'ready' | 'running' | 'failed' | 'exited';

interface WorkerProcessEvents {
  exit: [WorkerExitEvent];
}

/**
 * One worker process: spawned with node directly, in its own process group, dying with control.
 * start() spawns it; `ready` resolves when its template has checked its buffers; go() lets
 * data flow; terminate()/kill() end it; `exited` settles once it is gone.
 */
export class WorkerProcess extends EventEmitter<WorkerProcessEvents> {
  readonly worker: string;
  readonly processIndex: number;
  /** Resolves on the ready message; rejects with a WorkerStartError on failure, exit or timeout. */
  readonly ready: Promise<void>;
  /** Resolves when the process is gone and its last messages are read. Never rejects. */
  readonly exited: Promise<WorkerExit>;
  readonly #options: WorkerProcessOptions;
  readonly #ready = makeDeferred<void>();
  readonly #exited = makeDeferred<WorkerExit>();
  #child: ChildProcess | undefined;
  #state: WorkerProcessState = 'created';
  #phase: WorkerPhase | undefined;
  #error: Error | undefined;
  #startTimer: NodeJS.Timeout | undefined;
  #isDeliberate = false;
  #isForced = false;
  /** Set on 'exit': the pid may be reused from then on, so it is never signalled again. */
  #hasExited = false;

  constructor(options: WorkerProcessOptions) {
    super();
    this.#options = options;
    this.worker = options.spec.worker;
    this.processIndex = options.spec.processIndex;
    this.ready = this.#ready.promise;
    this.exited = this.#exited.promise;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get state(): WorkerProcessState {
    return this.#state;
  }

  /** The error the process reported (load, start or run), rebuilt; undefined if none. */
  get error(): Error | undefined {
    return this.#error;
  }

  override toString(): string {
    return `${this.worker}[${this.processIndex}] (pid ${this.pid ?? '-'}, ${this.#state})`;
  }

  /**
   * Spawns the process and sends it its start message. Call once. Never throws for a process
   * that cannot be spawned (no log dir, no setpriv): `ready` rejects instead.
   */
  start(): void {
    if (this.#state !== 'created') throw new Error(`${this.toString()}: start() called twice`);
    this.#state = 'starting';
    const mode = resolveParentDeathMode(this.#options.parentDeath ?? 'auto');
    try {
      this.#child = this.#spawn(mode);
    } catch (error) {
      this.#onSpawnError(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const options = this.#options;
    const child = this.#child;
    child.once('error', (error) => this.#onSpawnError(error));
    child.once('exit', (code, signal) => this.#onExit(code, signal));
    this.#readMessages(child.stdio[CHILD_TO_CONTROL_FD] as Readable);
    const toChild = child.stdio[CONTROL_TO_CHILD_FD] as Writable;
    // EPIPE when the child is already gone; its exit tells what happened.
    toChild.on('error', () => undefined);
    toChild.write(
      encodeMessage({
        type: 'start',
        spec: options.spec,
        parentPid: process.pid,
        watchdogIntervalMs:
          mode === 'watchdog' ? (options.watchdogIntervalMs ?? DEFAULT_WATCHDOG_INTERVAL_MS) : 0,
        exitDrainMs: options.exitDrainMs ?? DEFAULT_EXIT_DRAIN_MS,
        logFile: workerLogPath(this.#logDir, this.worker),
      }),
    );
    const isPrefixed = workerPrefix({ ...process.env, ...options.env }).length > 0;
    const timeoutMs =
      options.startTimeoutMs ?? (isPrefixed ? PREFIXED_START_TIMEOUT_MS : DEFAULT_START_TIMEOUT_MS);
    this.#armStartDeadline(timeoutMs, performance.now());
  }

  /**
   * Fails the start once the process has had `timeoutMs` to get ready. Time it spent waiting for
   * a CPU does not count: many processes starting at once on few cores, or on a busy machine,
   * load slowly without being stuck, while one that hangs sleeps or spins.
   */
  #armStartDeadline(timeoutMs: number, startedAt: number): void {
    const check = (): void => {
      const waitedMs = this.pid === undefined ? 0 : runQueueWaitMs(this.pid);
      const remainingMs = timeoutMs + waitedMs - (performance.now() - startedAt);
      if (remainingMs > 0) {
        this.#startTimer = setTimeout(check, remainingMs);
        return;
      }
      this.#failStart(
        `it did not report ready within ${timeoutMs} ms (a worker function must construct a template or call io.ready())`,
      );
      this.kill();
    };
    this.#startTimer = setTimeout(check, timeoutMs);
  }

  get #logDir(): string {
    return this.#options.logDir ?? join(this.#options.spec.runDir, 'logs');
  }

  #spawn(mode: ParentDeathMode): ChildProcess {
    const options = this.#options;
    return spawnWorker({
      label: `${this.worker}[${this.processIndex}]`,
      worker: this.worker,
      logDir: this.#logDir,
      mode,
      cwd: options.cwd,
      env: options.env,
      file: options.spec.file,
      python: options.spec.python,
      nodeFlags: options.spec.nodeFlags,
    });
  }

  /** Lets the process's sources produce (they block in io.waitForGo() until then); only once ready. */
  go(): void {
    if (this.#state !== 'ready') return;
    this.#state = 'running';
    const toChild = this.#child?.stdio[CONTROL_TO_CHILD_FD] as Writable | undefined;
    toChild?.write(Buffer.from([GO_BYTE]));
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  async terminate(options: { graceMs?: number } = {}): Promise<WorkerExit> {
    if (this.#state === 'exited' || this.#child === undefined) return this.#settleUnstarted();
    this.#isDeliberate = true;
    this.#failStart('it was terminated before it was ready');
    this.#signal('SIGTERM');
    const killTimer = setTimeout(() => {
      this.#isForced = true;
      this.#signal('SIGKILL');
    }, options.graceMs ?? DEFAULT_GRACE_MS);
    try {
      return await this.exited;
    } finally {
      clearTimeout(killTimer);
    }
  }

  /** SIGKILL at once. */
  kill(): void {
    if (this.#child === undefined || this.#state === 'exited') {
      void this.#settleUnstarted();
      return;
    }
    this.#isDeliberate = true;
    this.#failStart('it was killed before it was ready');
    this.#signal('SIGKILL');
  }

  #settleUnstarted(): Promise<WorkerExit> {
    if (this.#state === 'created') {
      this.#state = 'exited';
      this.#failStart('it was terminated before it was started');
      this.#exited.resolve({ code: null, signal: null, forced: false, isDeliberate: true, error: undefined });
    }
    return this.exited;
  }

  // The whole group: a worker's own subprocesses end with it.
  #signal(signal: NodeJS.Signals): void {
    const pid = this.pid;
    if (pid === undefined || this.#hasExited) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  }

  #readMessages(stream: Readable): void {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const message = parseChildMessage(line);
        if (message) this.#onMessage(message);
      }
    });
    stream.on('error', () => undefined);
  }

  #onMessage(message: ChildMessage): void {
    if (message.type === 'ready') {
      if (this.#state !== 'starting') return;
      clearTimeout(this.#startTimer);
      this.#state = 'ready';
      this.#ready.resolve();
      return;
    }
    this.#phase = message.phase;
    this.#error = deserializeError(message.error);
    this.#failStart(this.#error.message, this.#error);
  }

  /** Rejects `ready` if it is still pending; later calls do nothing. */
  #failStart(reason: string, cause?: Error): void {
    if (this.#state !== 'starting') return;
    clearTimeout(this.#startTimer);
    this.#state = 'failed';
    const details = {
      worker: this.worker,
      processIndex: this.processIndex,
      pid: this.pid,
      phase: this.#phase,
    };
    this.#ready.reject(new WorkerStartError(details, reason, cause === undefined ? undefined : { cause }));
  }

  #onSpawnError(error: Error): void {
    this.#error ??= error;
    // 'exit' may or may not follow a spawn error; settle here in case it does not.
    this.#failStart(`it could not be spawned: ${error.message}`, error);
    if (this.pid === undefined) this.#finish(null, null);
  }

  #onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.#hasExited = true;
    const stream = this.#child?.stdio[CHILD_TO_CONTROL_FD] as Readable | undefined;
    if (!stream || stream.readableEnded || stream.destroyed) {
      this.#finish(code, signal);
      return;
    }
    const timer = setTimeout(() => this.#finish(code, signal), MESSAGE_FLUSH_MS);
    stream.once('close', () => {
      clearTimeout(timer);
      this.#finish(code, signal);
    });
  }

  #finish(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#state === 'exited') return;
    const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
    this.#failStart(`it ${how} before it was ready`);
    this.#state = 'exited';
    const exit: WorkerExit = {
      code,
      signal,
      forced: this.#isForced,
      isDeliberate: this.#isDeliberate,
      error: this.#error,
    };
    this.#exited.resolve(exit);
    if (!this.#isDeliberate) {
      this.emit('exit', { ...exit, worker: this.worker, processIndex: this.processIndex, pid: this.pid });
    }
  }
}
