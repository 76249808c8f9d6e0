import { EventEmitter } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { reclaimDeadProcess, RingBuffer } from '../../buffer/index.js';
import type { BufferTarget } from '../commands.js';
import { ControlLog } from '../logs/index.js';
import type { WorkerStartSpec } from '../messages.js';
import { formatSetupYaml, type ResolvedSetup } from '../setup/index.js';
import { BufferSampler } from '../stats/buffer-sampler.js';
import { sampleProcesses, stopSamplingProcesses } from '../stats/process-usage.js';
import type { BufferSnapshot, ProcessSnapshot, RunSnapshot, WorkerSnapshot } from '../stats/snapshot.js';
import { StatsCsv } from '../stats/stats-csv.js';
import { SystemUsage } from '../stats/system-usage.js';
import { DisplayReader, hasDisplayFiles } from '../../display/index.js';
import { PicturePainter } from '../../pictures/index.js';
import { startWorkers } from '../start-workers.js';
import type { WorkerExit, WorkerProcess } from '../worker-process.js';
import {
  createBufferDirectory,
  DEFAULT_BUFFER_ROOT,
  displayDirectoryOf,
  removeBufferDirectory,
  removeStaleBufferDirectories,
} from './buffer-directory.js';
import { cutPartialRows } from './cut-partial-rows.js';
import { dataFlowDot, findRootBuffers, renderSvg } from './data-flow.js';
import { createRunDirectory, linkLatestRun, type RunDirectory } from './run-directory.js';

export interface RunOptions {
  /** Seconds after which the roots are asked to stop; the chain then drains. */
  readonly durationS?: number;
  /** SIGTERM to SIGKILL when a process is terminated. @default 3000 */
  readonly graceMs?: number;
  /** How long each shutdown stage waits for the processes to end before the next. @default 10000 */
  readonly stageTimeoutMs?: number;
  /** How long a worker may take to report ready. @default 10000 */
  readonly startTimeoutMs?: number;
  /** Where the run's buffer files are made. @default /dev/shm/mimocorb2 */
  readonly bufferRoot?: string;
  /** Seconds between statistics samples. @default 1 */
  readonly statsIntervalS?: number;
  /**
   * Nice value control takes once its workers are running (they keep theirs), so that drawing the
   * TUI or sampling statistics never takes a core from the data path. @default 10
   */
  readonly controlNice?: number;
  /** Aborting it during start() (e.g. Ctrl-C) stops every process and removes everything made. */
  readonly signal?: AbortSignal;
  /** Resolves a prebuilt function's name to the module that implements it. */
  readonly prebuiltFile?: (name: string) => { file: string; functionName: string } | undefined;
}

/** One worker process as control tracks it. */
interface ProcessRecord {
  readonly worker: string;
  readonly index: number;
  readonly process: WorkerProcess;
  readonly startedAt: number;
  isStopping: boolean;
  exit: WorkerExit | undefined;
  /** CPU time at the last reading, kept once the process has exited. */
  cpuSeconds: number;
}

/** How the run ended, for the summary and the exit code. */
export interface RunResult {
  /** 0 every worker ended normally; 1 a worker failed; 130 interrupted. */
  readonly exitCode: 0 | 1 | 130;
  readonly seconds: number;
  readonly snapshot: RunSnapshot;
  readonly exits: readonly {
    readonly worker: string;
    readonly index: number;
    readonly pid: number | undefined;
    readonly code: number | null;
    readonly signal: string | null;
    readonly error: string | undefined;
  }[];
}

interface RunEvents {
  snapshot: [RunSnapshot];
  /** Something a person should know (stages of a shutdown, a process that failed); also in control.log. */
  notice: [string];
}

const DEFAULT_GRACE_MS = 3000;
const DEFAULT_CONTROL_NICE = 10;
const DEFAULT_STAGE_TIMEOUT_MS = 10_000;

/**
 * One run of a setup: its run directory, its buffers, one process per worker instance, and the
 * supervision that reclaims a dead process's slots, samples statistics and shuts the run down
 * in stages. Created by Run.start(); `finished` resolves once every process is gone and the
 * buffers are removed.
 */
export class Run extends EventEmitter<RunEvents> {
  readonly setup: ResolvedSetup;
  readonly directory: RunDirectory;
  readonly roots: readonly string[];
  readonly finished: Promise<RunResult>;
  readonly #options: RunOptions;
  readonly #buffers: Map<string, RingBuffer>;
  readonly #bufferDir: string;
  /** Where the workers publish their displays (src/display); gone once the run has finished. */
  readonly displayDir: string;
  readonly #samplers = new Map<string, BufferSampler>();
  readonly #system = new SystemUsage();
  readonly #stats: StatsCsv;
  readonly #processes: ProcessRecord[] = [];
  /** control.log: every notice, and what control did on its own or on a command. */
  readonly #log: ControlLog;
  readonly #svg: Promise<void>;
  /** Draws the displays' pictures at the end; prepared in a thread once a display appears. */
  readonly #painter = new PicturePainter();
  #resolveFinished: (result: RunResult) => void = () => undefined;
  #startTime = Date.now() / 1000;
  #latest: RunSnapshot | undefined;
  #statsTimer: NodeJS.Timeout | undefined;
  #durationTimer: NodeJS.Timeout | undefined;
  #isShuttingDown = false;
  #isInterrupted = false;
  #isFinishing = false;
  /** Set when a failed start removed everything: late exits then have nothing to reclaim. */
  #isTornDown = false;
  #sampling: Promise<void> = Promise.resolve();

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
    this.#stats = new StatsCsv(directory.statsFile);
    this.#log = new ControlLog(directory.path);
    this.finished = new Promise((resolve) => (this.#resolveFinished = resolve));
    this.#svg = renderSvg(dataFlowDot(setup)).then(
      (svg) => writeFileSync(directory.dataFlowFile, svg),
      (error: unknown) => this.#notice(`data_flow.svg was not written: ${(error as Error).message}`),
    );
  }

  /**
   * Makes the run directory and the buffers and starts every worker process; data flows once all
   * are ready. On any failure everything made is removed again before this rejects.
   */
  static async start(setup: ResolvedSetup, options: RunOptions = {}): Promise<Run> {
    const bufferRoot = options.bufferRoot ?? DEFAULT_BUFFER_ROOT;
    options.signal?.throwIfAborted();
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
        run.#isTornDown = true;
        await run.#svg;
        run.#log.close();
      }
      for (const buffer of buffers.values()) buffer.remove();
      if (bufferDir !== undefined) removeBufferDirectory(bufferDir);
      rmSync(directory.path, { recursive: true, force: true });
      throw error;
    }
  }

  #specs(): WorkerStartSpec[] {
    const path = (name: string) => (this.#buffers.get(name) as RingBuffer).paths.file;
    const specs: WorkerStartSpec[] = [];
    for (const worker of this.setup.workers) {
      const target =
        worker.file !== undefined
          ? { file: worker.file, functionName: worker.function }
          : this.#options.prebuiltFile?.(worker.function);
      if (target === undefined)
        throw new Error(`worker '${worker.name}': no prebuilt function '${worker.function}'`);
      for (let index = 0; index < worker.numberOfProcesses; index++) {
        specs.push({
          worker: worker.name,
          processIndex: index,
          file: target.file,
          ...(worker.python === undefined ? {} : { python: worker.python }),
          functionName: target.functionName,
          config: worker.config,
          setupDir: this.setup.setupDir,
          setupFile: this.setup.setupFile,
          runDir: this.directory.path,
          sources: worker.sources.map(path),
          sinks: worker.sinks.map(path),
          observes: worker.observes.map(path),
          displayDir: this.displayDir,
        });
      }
    }
    return specs;
  }

  async #startProcesses(): Promise<void> {
    const options = this.#options;
    await startWorkers(
      this.#specs().map((spec) => ({
        spec,
        logDir: this.directory.logsDir,
        startTimeoutMs: options.startTimeoutMs,
      })),
      {
        graceMs: options.graceMs ?? DEFAULT_GRACE_MS,
        signal: options.signal,
        onCreated: (process) => {
          const record: ProcessRecord = {
            worker: process.worker,
            index: process.processIndex,
            process,
            startedAt: Date.now() / 1000,
            isStopping: false,
            exit: undefined,
            cpuSeconds: 0,
          };
          this.#processes.push(record);
          void process.exited.then((exit) => this.#onExit(record, exit));
        },
      },
    );
    try {
      setPriority(options.controlNice ?? DEFAULT_CONTROL_NICE);
    } catch {
      // Not allowed here: control keeps its priority.
    }
    this.#startTime = Date.now() / 1000;
    this.#logStart();
    const now = performance.now() / 1000;
    for (const spec of this.setup.buffers) {
      this.#samplers.set(spec.name, new BufferSampler(this.roots.includes(spec.name), spec.writers, now));
    }
    this.#scheduleStats();
    if (options.durationS !== undefined) {
      this.#durationTimer = setTimeout(() => {
        this.#notice(`--duration ${options.durationS} s reached: stopping the roots`);
        this.stop('roots');
      }, options.durationS * 1000);
    }
    // Every process may have ended already (a tiny run), while exits could not finish the run yet.
    this.#finishIfAllExited();
  }

  #logStart(): void {
    const processes = this.#processes.map((p) => `${p.worker}[${p.index}] pid ${p.process.pid ?? '-'}`);
    this.#log.write(`started ${this.#processes.length} worker processes: ${processes.join(', ')}`);
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

  /** Tells the person (UI, stderr) and writes control.log. */
  #notice(message: string): void {
    this.#log.write(message);
    this.emit('notice', message);
  }

  // Once the run has started: a run that fails to start leaves no directory to point at.
  #linkLatest(): void {
    const problem = linkLatestRun(this.setup.targetDirectory, this.directory);
    // The UIs listen once start() has returned.
    if (problem !== undefined) setImmediate(() => this.#notice(problem));
  }

  /** The latest statistics (sampled every second). */
  get snapshot(): RunSnapshot | undefined {
    return this.#latest;
  }

  /** The run's buffer directory (buffer files, displays, the control socket); gone once finished. */
  get bufferDirectory(): string {
    return this.#bufferDir;
  }

  get isShuttingDown(): boolean {
    return this.#isShuttingDown;
  }

  get processesAlive(): number {
    return this.#processes.filter((p) => p.exit === undefined).length;
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
    if (target === 'roots') for (const buffer of buffers) buffer.requestStop();
    else for (const buffer of buffers) buffer.forceEnd();
  }

  /** Terminates the processes of one worker (SIGTERM, then SIGKILL after the grace). */
  kill(worker: string): boolean {
    const records = this.#processes.filter((p) => p.worker === worker && p.exit === undefined);
    if (!this.setup.workers.some((w) => w.name === worker)) return false;
    if (records.length > 0)
      this.#log.write(`terminate worker '${worker}' (${records.length} processes alive)`);
    for (const record of records) this.#terminate(record);
    return true;
  }

  /** Terminates one process of a worker (SIGTERM, then SIGKILL after the grace). */
  killProcess(worker: string, index: number): boolean {
    const record = this.#processes.find((p) => p.worker === worker && p.index === index);
    if (record === undefined) return false;
    if (record.exit === undefined) {
      this.#log.write(`terminate worker '${worker}' process ${index} (pid ${record.process.pid ?? '-'})`);
      this.#terminate(record);
    }
    return true;
  }

  /** Terminates every worker process. */
  killAll(): void {
    const alive = this.#processes.filter((record) => record.exit === undefined && !record.isStopping);
    if (alive.length > 0) this.#log.write(`terminate every worker process (${alive.length} alive)`);
    for (const record of alive) this.#terminate(record);
  }

  #terminate(record: ProcessRecord): void {
    if (record.isStopping) return;
    record.isStopping = true;
    void record.process.terminate({ graceMs: this.#options.graceMs ?? DEFAULT_GRACE_MS });
  }

  /**
   * The orderly end: stop the roots and let the chain drain; if processes are still alive after a
   * stage timeout, end every buffer; then terminate what is left.
   */
  async shutdown(): Promise<void> {
    if (this.#isShuttingDown) return;
    this.#isShuttingDown = true;
    const stageMs = this.#options.stageTimeoutMs ?? DEFAULT_STAGE_TIMEOUT_MS;
    this.#log.write(`shutting down: ${this.processesAlive} processes alive`);
    this.stop('roots');
    if (await this.#allExitedWithin(stageMs)) return;
    this.#notice(
      `${this.processesAlive} processes still alive ${stageMs / 1000} s after stopping the roots: ending every buffer`,
    );
    this.stop('all');
    if (await this.#allExitedWithin(stageMs)) return;
    this.#notice(`${this.processesAlive} processes still alive: terminating them`);
    this.killAll();
  }

  /** Ctrl-C: the first one shuts down in order (exit code 130), a second one kills at once. */
  interrupt(): void {
    if (this.#isInterrupted) {
      this.#notice('second interrupt: killing every worker process');
      for (const record of this.#processes) if (record.exit === undefined) record.process.kill();
      return;
    }
    this.#isInterrupted = true;
    this.#notice('interrupted: stopping the roots and draining (Ctrl-C again kills)');
    void this.shutdown();
  }

  #allExitedWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.processesAlive === 0), ms);
      void this.finished.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  #onExit(record: ProcessRecord, exit: WorkerExit): void {
    record.exit = exit;
    if (this.#isTornDown) return;
    const pid = record.process.pid;
    const worker = this.setup.workers.find((w) => w.name === record.worker);
    if (pid !== undefined && worker !== undefined) {
      // Its slots go back and its writer places close, so nothing downstream waits for it.
      for (const name of worker.sinks) reclaimDeadProcess(this.#buffers.get(name) as RingBuffer, pid, true);
      for (const name of worker.sources)
        reclaimDeadProcess(this.#buffers.get(name) as RingBuffer, pid, false);
    }
    if (worker !== undefined && isFailure(exit)) {
      for (const notice of cutPartialRows(this.directory.path, worker)) this.#notice(notice);
    }
    const how = exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const why = exit.error ? `: ${exit.error.message}` : '';
    const ended = `worker '${record.worker}' process ${record.index} (pid ${pid}) ${how}${why}`;
    if (isFailure(exit) && !this.#isShuttingDown) this.#notice(ended);
    else this.#log.write(ended);
    this.#finishIfAllExited();
  }

  #finishIfAllExited(): void {
    if (this.#samplers.size === 0 || this.#isFinishing) return;
    if (this.#processes.some((p) => p.exit === undefined)) return;
    this.#isFinishing = true;
    void this.#finish();
  }

  async #finish(): Promise<void> {
    clearTimeout(this.#statsTimer);
    clearTimeout(this.#durationTimer);
    await this.#sampling;
    const snapshot = await this.#sample();
    this.#stats.finish(snapshot);
    await this.#svg;
    // The displays' last frames, read before their directory goes with the buffers'.
    const frames = new DisplayReader(this.displayDir).read();
    for (const buffer of this.#buffers.values()) buffer.remove();
    removeBufferDirectory(this.#bufferDir);
    stopSamplingProcesses();
    const pictures = await this.#painter.save(frames, this.directory.displaysDir);
    for (const problem of pictures.problems) this.#notice(problem);
    const failed = this.#processes.some((p) => p.exit !== undefined && isFailure(p.exit));
    const exitCode = this.#isInterrupted ? 130 : failed ? 1 : 0;
    this.#log.write(`run finished after ${snapshot.elapsed.toFixed(1)} s: exit code ${exitCode}`);
    this.#log.close();
    this.#resolveFinished({
      exitCode,
      seconds: snapshot.elapsed,
      snapshot,
      exits: this.#processes.map((p) => ({
        worker: p.worker,
        index: p.index,
        pid: p.process.pid,
        code: p.exit?.code ?? null,
        signal: p.exit?.signal ?? null,
        error: p.exit?.error?.message,
      })),
    });
  }

  #scheduleStats(): void {
    const intervalMs = (this.#options.statsIntervalS ?? 1) * 1000;
    this.#statsTimer = setTimeout(() => {
      this.#sampling = this.#sample().then((snapshot) => {
        if (this.#isFinishing) return;
        if (!this.#painter.isPrepared && hasDisplayFiles(this.displayDir)) this.#painter.prepare();
        this.#stats.offer(snapshot);
        this.#scheduleStats();
      });
    }, intervalMs);
  }

  async #sample(): Promise<RunSnapshot> {
    const live = this.#processes.filter((p) => p.exit === undefined && p.process.pid !== undefined);
    const usage = await sampleProcesses(live.map((p) => p.process.pid as number));
    const now = performance.now() / 1000;
    const time = Date.now() / 1000;
    const buffers: BufferSnapshot[] = [];
    for (const [name, buffer] of this.#buffers) {
      buffers.push((this.#samplers.get(name) as BufferSampler).sample(buffer.stats(), now));
    }
    const processes: ProcessSnapshot[] = this.#processes.map((p) => {
      const reading = p.process.pid === undefined ? undefined : usage.get(p.process.pid);
      if (reading !== undefined) p.cpuSeconds = reading.cpuSeconds;
      return {
        worker: p.worker,
        index: p.index,
        pid: p.process.pid ?? 0,
        state: p.exit !== undefined ? 'exited' : p.isStopping ? 'stopping' : 'running',
        cpuPercent: reading?.cpuPercent ?? 0,
        rssBytes: reading?.rssBytes ?? 0,
        cpuSeconds: p.cpuSeconds,
        startedAt: p.startedAt,
        exitCode: p.exit?.code ?? null,
        signal: p.exit?.signal ?? null,
      };
    });
    const workers: WorkerSnapshot[] = this.setup.workers.map((w) => {
      const own = processes.filter((p) => p.worker === w.name);
      return {
        name: w.name,
        processesAlive: own.filter((p) => p.state !== 'exited').length,
        processesTotal: w.numberOfProcesses,
        cpuPercent: own.reduce((sum, p) => sum + p.cpuPercent, 0),
        rssBytes: own.reduce((sum, p) => sum + p.rssBytes, 0),
      };
    });
    const system = this.#system.sample();
    const snapshot: RunSnapshot = {
      time,
      elapsed: time - this.#startTime,
      buffers,
      workers,
      processes,
      control: { cpuPercent: system.controlCpuPercent, rssBytes: process.memoryUsage.rss() },
      system: {
        cpuPercent: system.systemCpuPercent,
        memUsedBytes: system.memUsedBytes,
        memTotalBytes: system.memTotalBytes,
      },
    };
    this.#latest = snapshot;
    this.emit('snapshot', snapshot);
    return snapshot;
  }
}

function isFailure(exit: WorkerExit): boolean {
  return exit.code !== 0 || exit.signal !== null;
}
