import type { RingBuffer } from '../../buffer/index.js';
import type { ResolvedSetup } from '../setup/index.js';
import type { ProcessSlot } from '../supervision/index.js';
import { BufferSampler } from './buffer-sampler.js';
import { processSnapshots, workerSnapshots } from './process-snapshots.js';
import { sampleProcesses, stopSamplingProcesses, type ProcessUsage } from './process-usage.js';
import type { BufferSnapshot, RunSnapshot } from './snapshot.js';
import { DiskSpaceWatch } from './disk-space.js';
import { StatsCsv } from './stats-csv.js';
import { SystemUsage } from './system-usage.js';

export interface RunStatisticsOptions {
  readonly setup: ResolvedSetup;
  readonly roots: readonly string[];
  readonly buffers: ReadonlyMap<string, RingBuffer>;
  readonly slots: () => readonly ProcessSlot[];
  readonly statsFile: string;
  /** Where the run writes, for the free space. */
  readonly runDir: string;
  /** Seconds between samples. @default 1 */
  readonly intervalS?: number;
  /** Each process's reading, before the snapshot is made (the watchdogs look at it). */
  readonly onUsage: (usage: ReadonlyMap<number, ProcessUsage>) => void;
  /** Every snapshot, also the last one. */
  readonly onSnapshot: (snapshot: RunSnapshot) => void;
  /** After each scheduled sample (not the last): a moment for periodic checks. */
  readonly onTick: () => void;
  /** Something a person should know: the disk fills up, stats.csv cannot be written. */
  readonly onWarning: (message: string) => void;
}

/**
 * The statistics of a run: a sample of every buffer's counters and every process's CPU and
 * memory each interval, written to stats.csv on its schedule, and a last one when the run ends.
 */
export class RunStatistics {
  readonly #options: RunStatisticsOptions;
  readonly #samplers = new Map<string, BufferSampler>();
  readonly #system = new SystemUsage();
  readonly #csv: StatsCsv;
  readonly #disk: DiskSpaceWatch;
  #startTime = Date.now() / 1000;
  #latest: RunSnapshot | undefined;
  #timer: NodeJS.Timeout | undefined;
  #sampling: Promise<void> = Promise.resolve();
  #isStarted = false;
  #isFinished = false;

  constructor(options: RunStatisticsOptions) {
    this.#options = options;
    this.#csv = new StatsCsv(options.statsFile, options.onWarning);
    this.#disk = new DiskSpaceWatch(options.runDir);
  }

  /** Starts the clock (elapsed 0 is now) and the samples. */
  start(): void {
    this.#isStarted = true;
    this.#startTime = Date.now() / 1000;
    const now = performance.now() / 1000;
    for (const spec of this.#options.setup.buffers) {
      const isRoot = this.#options.roots.includes(spec.name);
      this.#samplers.set(spec.name, new BufferSampler(isRoot, spec.writers, now));
    }
    this.#schedule();
  }

  get isStarted(): boolean {
    return this.#isStarted;
  }

  get latest(): RunSnapshot | undefined {
    return this.#latest;
  }

  /** Stops the schedule and takes the last sample (also written to stats.csv). */
  async finish(): Promise<RunSnapshot> {
    this.#isFinished = true;
    clearTimeout(this.#timer);
    await this.#sampling;
    const snapshot = await this.#sample();
    this.#csv.finish(snapshot);
    stopSamplingProcesses();
    return snapshot;
  }

  #schedule(): void {
    this.#timer = setTimeout(
      () => {
        this.#sampling = this.#sample().then((snapshot) => {
          if (this.#isFinished) return;
          this.#csv.offer(snapshot);
          this.#options.onTick();
          this.#schedule();
        });
      },
      (this.#options.intervalS ?? 1) * 1000,
    );
  }

  async #sample(): Promise<RunSnapshot> {
    const slots = this.#options.slots();
    const pids = slots.flatMap((slot) =>
      slot.isAlive && slot.process.pid !== undefined ? [slot.process.pid] : [],
    );
    const usage = await sampleProcesses(pids);
    if (!this.#isFinished) this.#options.onUsage(usage);
    const now = performance.now() / 1000;
    const time = Date.now() / 1000;
    const buffers: BufferSnapshot[] = [];
    for (const [name, buffer] of this.#options.buffers) {
      buffers.push((this.#samplers.get(name) as BufferSampler).sample(buffer.stats(), now));
    }
    const processes = processSnapshots(slots, usage);
    const system = this.#system.sample();
    const disk = this.#disk.sample(now);
    const snapshot: RunSnapshot = {
      time,
      elapsed: time - this.#startTime,
      buffers,
      workers: workerSnapshots(this.#options.setup.workers, processes),
      processes,
      control: { cpuPercent: system.controlCpuPercent, rssBytes: process.memoryUsage.rss() },
      ...(disk === undefined ? {} : { disk }),
      system: {
        cpuPercent: system.systemCpuPercent,
        memUsedBytes: system.memUsedBytes,
        memTotalBytes: system.memTotalBytes,
      },
    };
    this.#latest = snapshot;
    this.#options.onSnapshot(snapshot);
    const warning = this.#disk.warning(disk);
    if (warning !== undefined) this.#options.onWarning(warning);
    return snapshot;
  }
}
