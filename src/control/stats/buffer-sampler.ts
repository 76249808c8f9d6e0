import type { BufferStats } from '../../buffer/index.js';
import { AgeWindow } from './age-window.js';
import type { BufferSnapshot } from './snapshot.js';

/** Turns a buffer's running counters into a snapshot with rates over the time since the last sample. */
export class BufferSampler {
  readonly #isRoot: boolean;
  readonly #writers: number;
  #lastTime: number;
  #lastEvents = 0;
  #lastWaited = 0;
  readonly #ages = new AgeWindow();

  constructor(isRoot: boolean, writers: number, now: number) {
    this.#isRoot = isRoot;
    this.#writers = Math.max(1, writers);
    this.#lastTime = now;
  }

  sample(stats: BufferStats, now: number): BufferSnapshot {
    const seconds = now - this.#lastTime;
    const rate = seconds > 0 ? (stats.written - this.#lastEvents) / seconds : 0;
    const waited = seconds > 0 ? (stats.waitedSeconds - this.#lastWaited) / seconds / this.#writers : 0;
    this.#lastTime = now;
    this.#lastEvents = stats.written;
    this.#lastWaited = stats.waitedSeconds;
    const slots = stats.slotCount;
    const ages = this.#ages.sample(stats.ageBins, now);
    // A redelivered event was counted read twice; an overwritten or undeliverable one is never read.
    const lag = stats.written - stats.overwritten - stats.undeliverable - (stats.read - stats.redelivered);
    return {
      name: stats.name,
      slotCount: slots,
      isRoot: this.#isRoot,
      events: stats.written,
      read: stats.read,
      rate,
      filled: stats.filled / slots,
      free: stats.free / slots,
      inUse: (stats.writing + stats.reading) / slots,
      deadTime: Math.min(1, Math.max(0, waited)),
      lag: Math.max(0, lag),
      ageP50: ages.p50,
      ageP99: ages.p99,
      paused: stats.paused,
      stopRequested: stats.stopRequested,
      ended: stats.ended,
      discarded: stats.discarded,
      overwritten: stats.overwritten,
      redelivered: stats.redelivered,
      dropped: stats.dropped,
      undeliverable: stats.undeliverable,
    };
  }
}
