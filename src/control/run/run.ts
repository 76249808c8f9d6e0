import { EventEmitter } from 'node:events';
import { rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { basename } from 'node:path';
import { RingBuffer } from '../../buffer/index.js';
import { describeFileError } from '../../make-directory.js';
import type { BufferTarget } from '../commands.js';
import { ControlLog } from '../logs/index.js';
import { DisplayReader, hasDisplayFiles } from '../../display/index.js';
import { PicturePainter } from '../../pictures/index.js';
import { LogRotation } from '../logs/log-rotation.js';
import { formatSetupYaml, type ResolvedSetup } from '../setup/index.js';
import { RunStatistics } from '../stats/run-statistics.js';
import type { RunSnapshot } from '../stats/snapshot.js';
import {
  DeadReaderWatch,
  describeExit,
  isFailure,
  shutDownInStages,
  Supervisor,
  Watchdogs,
  type ProcessSlot,
} from '../supervision/index.js';
import {
  createBufferDirectory,
  DEFAULT_BUFFER_ROOT,
  displayDirectoryOf,
  prepareBufferRoot,
  removeBufferDirectory,
  removeStaleBufferDirectories,
} from './buffer-directory.js';
import { cutPartialRows } from './cut-partial-rows.js';
import { dataFlowDot, findRootBuffers, renderSvg } from './data-flow.js';
import {
  DEFAULT_CONTROL_NICE,
  DEFAULT_GRACE_MS,
  DEFAULT_STAGE_TIMEOUT_MS,
  type RunOptions,
} from './run-options.js';
import { runResult, type RunResult } from './run-result.js';
import { workerStartSpec } from './worker-spec.js';
import { createRunDirectory, linkLatestRun, type RunDirectory } from './run-directory.js';

export type { ProcessExitRecord, RunResult } from './run-result.js';
export type { RunOptions } from './run-options.js';

/** Notices kept for listeners that come later (see onNotice); a run has a few, unless it goes wrong at length. */
const MAX_KEPT_NOTICES = 1_000;

interface RunEvents {
  snapshot: [RunSnapshot];
  /** Something a person should know (stages of a shutdown, a process that failed); also in control.log. */
  notice: [string];
}

/**
 * One run of a setup: its run directory and buffers, the supervision of its processes
 * (src/control/supervision), statistics, the commands a person gives, and the staged shutdown.
 * Created by Run.start(); `finished` resolves once every process is gone and the buffers are
 * removed.
 */
export class Run extends EventEmitter<RunEvents> {
  readonly setup: ResolvedSetup;
  readonly directory: RunDirectory;
  readonly roots: readonly string[];
  readonly finished: Promise<RunResult>;
  /** Where the workers publish their displays (src/display); gone once the run has finished. */
  readonly displayDir: string;
  readonly #options: RunOptions;
  readonly #buffers: Map<string, RingBuffer>;
  readonly #bufferDir: string;
  readonly #supervisor: Supervisor;
  readonly #deadReaders: DeadReaderWatch;
  readonly #statistics: RunStatistics;
  /** control.log: every notice, and what control did on its own or on a command. */
  readonly #log: ControlLog;
  readonly #svg: Promise<void>;
  readonly #notices: string[] = [];
  /** Draws the displays' pictures at the end; prepared in a thread once a display appears. */
  readonly #painter = new PicturePainter();
  #resolveFinished: (result: RunResult) => void = () => undefined;
  #durationTimer: NodeJS.Timeout | undefined;
  #isShuttingDown = false;
  #isInterrupted = false;
  #isFinishing = false;

  private constructor(
    setup: ResolvedSetup,
    options: RunOptions,
    directory: RunDirectory,
    bufferDir: string,
    buffers: Map<string, RingBuffer>,
  ) {
    super();
    this.setup = setup;
    this.#options = options;
    this.directory = directory;
    this.#bufferDir = bufferDir;
    this.displayDir = displayDirectoryOf(bufferDir);
    this.#buffers = buffers;
    this.roots = findRootBuffers(setup);
    this.#log = new ControlLog(directory.path);
    this.finished = new Promise((resolve) => (this.#resolveFinished = resolve));
    this.#supervisor = new Supervisor({
      setup,
      buffers,
      specOf: (worker, index) =>
        workerStartSpec(worker, index, {
          setupDir: setup.setupDir,
          setupFile: setup.setupFile,
          runDir: directory.path,
          displayDir: this.displayDir,
          bufferFile: (name) => (buffers.get(name) as RingBuffer).paths.file,
          prebuiltFile: options.prebuiltFile,
        }),
      logDir: directory.logsDir,
      graceMs: options.graceMs ?? DEFAULT_GRACE_MS,
      startTimeoutMs: options.startTimeoutMs,
      signal: options.signal,
    });
    this.#supervisor.on('notice', (message) => this.#notice(message));
    this.#supervisor.on('exit', (slot) => {
      const { exit } = slot;
      if (exit !== undefined && isFailure(exit))
        for (const notice of cutPartialRows(directory.path, slot.worker)) this.#notice(notice);
      // The supervisor tells of a failure; the other ends go to control.log only.
      if (exit !== undefined && (!isFailure(exit) || slot.isStopping))
        this.#log.write(
          `${slot.name} (pid ${slot.process.pid ?? '-'}) ${describeExit(exit, slot.killReason)}`,
        );
      this.#afterExit();
    });
    this.#deadReaders = new DeadReaderWatch({
      setup,
      buffers,
      roots: this.roots,
      slots: () => this.#supervisor.slots,
      notice: (message) => this.#notice(message),
      stopRoots: () => this.stop('roots'),
    });
    const watchdogs = new Watchdogs(buffers, (slot, reason) =>
      this.#supervisor.killForWatchdog(slot, reason),
    );
    const slots = (): readonly ProcessSlot[] => this.#supervisor.slots;
    const logRotation = new LogRotation(
      directory.logsDir,
      setup.workers.map((worker) => worker.name),
      options.logMaxBytes,
    );
    this.#statistics = new RunStatistics({
      setup,
      roots: this.roots,
      buffers,
      slots,
      statsFile: directory.statsFile,
      runDir: directory.path,
      intervalS: options.statsIntervalS,
      onUsage: (usage) => watchdogs.check(slots(), usage, performance.now() / 1000),
      onSnapshot: (snapshot) => this.emit('snapshot', snapshot),
      onTick: () => {
        this.#deadReaders.check();
        if (!this.#painter.isPrepared && hasDisplayFiles(this.displayDir)) this.#painter.prepare();
        for (const file of logRotation.check())
          this.#notice(`${file} rotated: it is ${basename(file)}.1 now`);
      },
      onWarning: (message) => this.#notice(message),
    });
    // Also a failed write (the run directory removed, a full disk) is only a notice.
    this.#svg = renderSvg(dataFlowDot(setup))
      .then((svg) => writeFileSync(directory.dataFlowFile, svg))
      .catch((error: unknown) => this.#notice(`data_flow.svg was not written: ${describeFileError(error)}`));
  }

  /**
   * Makes the run directory and the buffers and starts every worker process; data flows once all
   * are ready. On any failure everything made is removed again before this rejects.
   */
  static async start(setup: ResolvedSetup, options: RunOptions = {}): Promise<Run> {
    const bufferRoot = options.bufferRoot ?? DEFAULT_BUFFER_ROOT;
    options.signal?.throwIfAborted();
    prepareBufferRoot(bufferRoot);
    removeStaleBufferDirectories(bufferRoot);
    const directory = createRunDirectory(setup.targetDirectory);
    const buffers = new Map<string, RingBuffer>();
    let bufferDir: string | undefined;
    let run: Run | undefined;
    try {
      bufferDir = createBufferDirectory(directory.id, bufferRoot);
      writeFileSync(directory.setupFile, formatSetupYaml(setup));
      for (const spec of setup.buffers) buffers.set(spec.name, RingBuffer.create(bufferDir, spec));
      run = new Run(setup, options, directory, bufferDir, buffers);
      await run.#startProcesses();
      run.#linkLatest();
      return run;
    } catch (error) {
      if (run !== undefined) {
        await run.#svg;
        run.#log.close();
      }
      for (const buffer of buffers.values()) buffer.remove();
      if (bufferDir !== undefined) removeBufferDirectory(bufferDir);
      rmSync(directory.path, { recursive: true, force: true });
      removeEmptyDirectories(directory.madeDirectories);
      throw error;
    }
  }

  async #startProcesses(): Promise<void> {
    const options = this.#options;
    await this.#supervisor.start();
    try {
      setPriority(options.controlNice ?? DEFAULT_CONTROL_NICE);
    } catch {
      // Not allowed here: control keeps its priority.
    }
    this.#statistics.start();
    this.#logStart();
    if (options.durationS !== undefined) {
      this.#durationTimer = setTimeout(() => {
        this.#notice(`--duration ${options.durationS} s reached: stopping the roots`);
        this.stop('roots');
      }, options.durationS * 1000);
    }
    // Every process may have ended already (a tiny run), while exits could not finish the run yet.
    this.#afterExit();
  }

  #logStart(): void {
    const { slots } = this.#supervisor;
    const processes = slots.map(
      (slot) => `${slot.worker.name}[${slot.index}] pid ${slot.process.pid ?? '-'}`,
    );
    this.#log.write(`started ${slots.length} worker processes: ${processes.join(', ')}`);
    for (const warning of this.setup.warnings) this.#log.write(`setup warning: ${warning}`);
    const overwriting = this.setup.buffers.filter((b) => b.overwrite).map((b) => b.name);
    if (overwriting.length > 0)
      this.#log.write(`buffers that overwrite their oldest events when full: ${overwriting.join(', ')}`);
    if (this.#options.durationS !== undefined)
      this.#log.write(`the roots stop after --duration ${this.#options.durationS} s`);
  }

  /** Writes a line to control.log only: what a viewer (attach, stop, the web page) asked for, and from where. */
  record(line: string): void {
    this.#log.write(line);
  }

  /**
   * Calls `listener` with every notice so far, then with each new one. The UIs listen only once
   * start() has returned, and notices come from the moment the data flows (a short source may
   * have ended and a buffer been taken over before that).
   */
  onNotice(listener: (message: string) => void): void {
    for (const message of this.#notices) listener(message);
    this.on('notice', listener);
  }

  /** Tells the person (UI, stderr) and writes control.log. */
  #notice(message: string): void {
    this.#log.write(message);
    if (this.#notices.length < MAX_KEPT_NOTICES) this.#notices.push(message);
    this.emit('notice', message);
  }

  // Once the run has started: a run that fails to start leaves no directory to point at.
  #linkLatest(): void {
    const problem = linkLatestRun(this.setup.targetDirectory, this.directory);
    if (problem !== undefined) this.#notice(problem);
  }

  /** The latest statistics (sampled every second). */
  get snapshot(): RunSnapshot | undefined {
    return this.#statistics.latest;
  }

  /** The run's buffer directory (buffer files, displays, the control socket); gone once finished. */
  get bufferDirectory(): string {
    return this.#bufferDir;
  }

  get isShuttingDown(): boolean {
    return this.#isShuttingDown;
  }

  get processesAlive(): number {
    return this.#supervisor.processesAlive;
  }

  /** The buffers a command acts on; none once the run is finishing (they are being removed). */
  #targets(target: BufferTarget): RingBuffer[] {
    if (this.#isFinishing) return [];
    const names = target === 'roots' ? this.roots : [...this.#buffers.keys()];
    return names.map((name) => this.#buffers.get(name) as RingBuffer);
  }

  /** Pauses or resumes buffers: while paused, events written into them are counted as discarded. */
  setPaused(target: BufferTarget, paused: boolean): void {
    const buffers = this.#targets(target);
    if (buffers.length > 0)
      this.#log.write(
        `${paused ? 'pause' : 'resume'} ${target === 'roots' ? 'the root buffers' : 'every buffer'}`,
      );
    for (const buffer of buffers) buffer.setPaused(paused);
  }

  /** Roots: sources stop at their next event and the chain drains. All: every buffer ends now. */
  stop(target: BufferTarget): void {
    const buffers = this.#targets(target);
    if (buffers.length === 0) return;
    this.#log.write(target === 'roots' ? 'stop the roots; the chain drains' : 'end every buffer now');
    if (target === 'roots') {
      clearTimeout(this.#durationTimer);
      for (const buffer of buffers) buffer.requestStop();
      this.#supervisor.stopRestartingSources();
      return;
    }
    // Ended streams take no restarted process any more.
    this.#supervisor.stopRestarting();
    for (const buffer of buffers) buffer.forceEnd();
  }

  /** Terminates the processes of one worker (SIGTERM, then SIGKILL after the grace). */
  kill(worker: string): boolean {
    const alive = this.#supervisor.slotsOf(worker).filter((slot) => slot.isAlive).length;
    if (alive > 0) this.#log.write(`terminate worker '${worker}' (${alive} processes alive)`);
    return this.#supervisor.kill(worker);
  }

  /** Terminates one process of a worker (SIGTERM, then SIGKILL after the grace). */
  killProcess(worker: string, index: number): boolean {
    const slot = this.#supervisor.slotsOf(worker).find((s) => s.index === index);
    if (slot?.isAlive === true)
      this.#log.write(`terminate worker '${worker}' process ${index} (pid ${slot.process.pid ?? '-'})`);
    return this.#supervisor.killProcess(worker, index);
  }

  /** Terminates every worker process. */
  killAll(): void {
    const alive = this.#supervisor.slots.filter((slot) => slot.isAlive && !slot.isStopping).length;
    if (alive > 0) this.#log.write(`terminate every worker process (${alive} alive)`);
    this.#supervisor.killAll();
  }

  /**
   * The orderly end: stop the roots and let the chain drain; if processes are still alive after a
   * stage timeout, end every buffer; then terminate what is left.
   */
  async shutdown(): Promise<void> {
    if (this.#isShuttingDown) return;
    this.#isShuttingDown = true;
    this.#log.write(`shutting down: ${this.processesAlive} processes alive`);
    await shutDownInStages(
      {
        stopRoots: () => this.stop('roots'),
        endAllBuffers: () => this.stop('all'),
        terminateAll: () => this.killAll(),
        allGoneWithin: (ms) => this.#allDoneWithin(ms),
        processesAlive: () => this.processesAlive,
        notice: (message) => this.#notice(message),
      },
      this.#options.stageTimeoutMs ?? DEFAULT_STAGE_TIMEOUT_MS,
    );
  }

  /** Ctrl-C: the first one shuts down in order (exit code 130), a second one kills at once. */
  interrupt(): void {
    if (this.#isInterrupted) {
      this.#notice('second interrupt: killing every worker process');
      this.#supervisor.killAllNow();
      return;
    }
    this.#isInterrupted = true;
    this.#notice('interrupted: stopping the roots and draining (Ctrl-C again kills)');
    void this.shutdown();
  }

  #allDoneWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.#supervisor.isAllDone), ms);
      void this.finished.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  #afterExit(): void {
    if (!this.#statistics.isStarted || this.#isFinishing) return;
    this.#deadReaders.check();
    if (!this.#supervisor.isAllDone) return;
    this.#isFinishing = true;
    void this.#finish();
  }

  async #finish(): Promise<void> {
    clearTimeout(this.#durationTimer);
    this.#deadReaders.finish();
    const snapshot = await this.#statistics.finish();
    await this.#svg;
    // The displays' last frames, read before their directory goes with the buffers'.
    const frames = new DisplayReader(this.displayDir).read();
    for (const buffer of this.#buffers.values()) buffer.remove();
    removeBufferDirectory(this.#bufferDir);
    const pictures = await this.#painter.save(frames, this.directory.displaysDir);
    for (const problem of pictures.problems) this.#notice(problem);
    const { slots, restarts } = this.#supervisor;
    const result = runResult(snapshot, slots, restarts, this.#isInterrupted);
    this.#log.write(`run finished after ${snapshot.elapsed.toFixed(1)} s: exit code ${result.exitCode}`);
    this.#log.close();
    this.#resolveFinished(result);
  }
}

/** Removes the directories a failed start made, innermost first, as long as they are empty. */
function removeEmptyDirectories(directories: readonly string[]): void {
  try {
    for (const directory of [...directories].reverse()) rmdirSync(directory);
  } catch {
    // Not empty (another run uses it) or gone: left as it is.
  }
}
