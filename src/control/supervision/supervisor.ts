import { EventEmitter } from 'node:events';
import type { RingBuffer } from '../../buffer/index.js';
import type { WorkerStartSpec } from '../messages.js';
import type { ResolvedSetup, ResolvedWorker } from '../setup/index.js';
import { mayRestart, restartDelayS } from './policy.js';
import { describeExit, isFailure, ProcessSlot, type RestartRecord } from './process-slot.js';
import { reclaimProcess, releaseWriterPlaces } from './reclaim-process.js';
import { startWorkers } from './start-workers.js';
import { WorkerProcess, type WorkerExit, type WorkerProcessOptions } from './worker-process.js';

export interface SupervisorOptions {
  readonly setup: ResolvedSetup;
  readonly buffers: ReadonlyMap<string, RingBuffer>;
  /** What the process at `worker[index]` runs; the same for each restart. */
  readonly specOf: (worker: ResolvedWorker, index: number) => WorkerStartSpec;
  readonly logDir: string;
  /** SIGTERM to SIGKILL when a process is terminated. */
  readonly graceMs: number;
  /** How long a process may take to report ready. @default 10000 */
  readonly startTimeoutMs?: number;
  /** Aborting it during start() stops every process (start() then rejects). */
  readonly signal?: AbortSignal;
}

interface SupervisorEvents {
  /** Something a person should know: a process that failed, a restart, a kill. */
  notice: [string];
  /** A process place is done (its process ended and no restart comes), or waits for a restart. */
  exit: [ProcessSlot];
}

/**
 * The worker processes of a run and their lifecycle: the two-phase start, and for every process
 * that ends its slots reclaimed, then a restart when its worker's policy says so (the places it
 * writes stay open meanwhile), else its writer places closed. Commands end processes; watchdogs
 * kill them (a watchdog kill is a failure like a crash).
 */
export class Supervisor extends EventEmitter<SupervisorEvents> {
  readonly slots: ProcessSlot[] = [];
  readonly restarts: RestartRecord[] = [];
  readonly #options: SupervisorOptions;
  #mayRestart = true;
  /** Cleared once the roots are told to stop: a source started again would only stop at once. */
  #mayRestartSources = true;
  /** Set when a failed start removed everything: late exits then have nothing to reclaim. */
  #isTornDown = false;

  constructor(options: SupervisorOptions) {
    super();
    this.#options = options;
  }

  /** Starts every process and lets data flow once all are ready; on failure all are stopped. */
  async start(): Promise<void> {
    const { setup } = this.#options;
    const list = setup.workers.flatMap((worker) =>
      Array.from({ length: worker.numberOfProcesses }, (_, index) => this.#processOptions(worker, index)),
    );
    try {
      await startWorkers(list, {
        graceMs: this.#options.graceMs,
        signal: this.#options.signal,
        onCreated: (process) => {
          const worker = setup.workers.find((w) => w.name === process.worker) as ResolvedWorker;
          const slot = new ProcessSlot(worker, process.processIndex, process);
          this.slots.push(slot);
          this.#watch(slot, process);
        },
      });
    } catch (error) {
      this.#isTornDown = true;
      throw error;
    }
  }

  #processOptions(worker: ResolvedWorker, index: number): WorkerProcessOptions {
    return {
      spec: this.#options.specOf(worker, index),
      logDir: this.#options.logDir,
      startTimeoutMs: this.#options.startTimeoutMs,
    };
  }

  #watch(slot: ProcessSlot, process: WorkerProcess): void {
    void process.exited.then((exit) => this.#onExit(slot, process, exit));
  }

  get processesAlive(): number {
    return this.slots.filter((slot) => slot.isAlive).length;
  }

  /** Every place is done: no process lives and no restart is coming. */
  get isAllDone(): boolean {
    return this.slots.every((slot) => slot.isDone);
  }

  /** The places of one worker. */
  slotsOf(worker: string): ProcessSlot[] {
    return this.slots.filter((slot) => slot.worker.name === worker);
  }

  /** Terminates the processes of one worker (SIGTERM, then SIGKILL after the grace); no restarts. */
  kill(worker: string): boolean {
    if (!this.#options.setup.workers.some((w) => w.name === worker)) return false;
    for (const slot of this.slotsOf(worker)) this.#terminate(slot);
    return true;
  }

  /** Terminates one process of a worker; it is not restarted. */
  killProcess(worker: string, index: number): boolean {
    const slot = this.slots.find((s) => s.worker.name === worker && s.index === index);
    if (slot === undefined) return false;
    this.#terminate(slot);
    return true;
  }

  /** Terminates every worker process; none is restarted any more. */
  killAll(): void {
    this.stopRestarting();
    for (const slot of this.slots) this.#terminate(slot);
  }

  /** SIGKILL to every process at once (a second Ctrl-C). */
  killAllNow(): void {
    this.stopRestarting();
    for (const slot of this.slots) {
      slot.isStopping = true;
      if (slot.isAlive) slot.process.kill();
    }
  }

  /** A watchdog found the process at fault: SIGKILL, then the worker's restart policy decides. */
  killForWatchdog(slot: ProcessSlot, reason: string): void {
    if (!slot.isAlive || slot.killReason !== undefined || slot.isStopping) return;
    slot.killReason = reason;
    this.emit('notice', `${slot.name} (pid ${slot.process.pid}) ${reason}: killing it`);
    slot.process.kill();
  }

  /** No process is restarted from now on; places waiting for a restart close. */
  stopRestarting(): void {
    this.#mayRestart = false;
    for (const slot of this.slots) this.#cancelRestart(slot);
  }

  /**
   * The roots were told to stop: sources (workers without sources of their own) are not started
   * again, and those waiting for a restart close their places, so the roots' streams can end.
   */
  stopRestartingSources(): void {
    this.#mayRestartSources = false;
    for (const slot of this.slots)
      if (isSource(slot.worker)) this.#cancelRestart(slot, 'the roots were stopped');
  }

  #terminate(slot: ProcessSlot): void {
    this.#cancelRestart(slot);
    if (slot.isStopping || !slot.isAlive) return;
    slot.isStopping = true;
    void slot.process.terminate({ graceMs: this.#options.graceMs });
  }

  #cancelRestart(slot: ProcessSlot, why?: string): void {
    if (slot.restartTimer === undefined) return;
    clearTimeout(slot.restartTimer);
    slot.restartTimer = undefined;
    slot.pendingRestart = undefined;
    releaseWriterPlaces(slot.worker, this.#options.buffers);
    this.emit('notice', `${slot.name} is not restarted${why === undefined ? '' : `: ${why}`}`);
    this.emit('exit', slot);
  }

  #onExit(slot: ProcessSlot, process: WorkerProcess, exit: WorkerExit): void {
    if (slot.process !== process) return;
    slot.exit = exit;
    if (this.#isTornDown) return;
    const failed = isFailure(exit);
    const policy = slot.worker.supervision;
    const isStoppedSource = isSource(slot.worker) && !this.#mayRestartSources;
    const restart =
      failed && this.#mayRestart && !isStoppedSource && !slot.isStopping && mayRestart(policy, slot.restarts);
    const pid = process.pid;
    if (pid !== undefined) reclaimProcess(slot.worker, pid, this.#options.buffers, restart);
    else if (!restart) releaseWriterPlaces(slot.worker, this.#options.buffers);
    if (failed && !slot.isStopping) {
      const reason = describeExit(exit, slot.killReason);
      this.emit('notice', `${slot.name} (pid ${pid}) ${reason}`);
      if (restart) this.#scheduleRestart(slot, pid, reason);
      else if (isStoppedSource && mayRestart(policy, slot.restarts) && this.#mayRestart)
        this.emit('notice', `${slot.name} is not restarted: the roots were stopped`);
      else if (policy.restart === 'on-failure' && this.#mayRestart)
        this.emit('notice', `${slot.name} failed after ${slot.restarts} restarts: it is not restarted again`);
    }
    this.emit('exit', slot);
  }

  #scheduleRestart(slot: ProcessSlot, pid: number | undefined, reason: string): void {
    const number = slot.restarts + 1;
    const delayS = restartDelayS(slot.worker.supervision, number);
    const of = slot.worker.supervision.maxRestarts;
    this.emit('notice', `restarting ${slot.name} in ${delayS} s (restart ${number} of ${of})`);
    slot.pendingRestart = { worker: slot.worker.name, index: slot.index, pid, at: Date.now() / 1000, reason };
    slot.restartTimer = setTimeout(() => this.#restart(slot), delayS * 1000);
  }

  #restart(slot: ProcessSlot): void {
    if (slot.pendingRestart !== undefined) this.restarts.push(slot.pendingRestart);
    slot.restarts++;
    const process = new WorkerProcess(this.#processOptions(slot.worker, slot.index));
    slot.replace(process);
    this.#watch(slot, process);
    process.start();
    process.ready.then(
      () => {
        process.go();
        this.emit('notice', `${slot.name} restarted (pid ${process.pid})`);
      },
      // Its exit follows and counts as a failure of this restart.
      () => undefined,
    );
  }
}

/** A worker that reads no buffer: it writes the roots. */
function isSource(worker: ResolvedWorker): boolean {
  return worker.sources.length === 0 && worker.sinks.length > 0;
}
