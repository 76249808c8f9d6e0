import type { Reader, SlotView, Writer } from '../buffer/index.js';

/** Longest time a committed event waits in this process's outbox while its batch fills. */
export const MAX_BATCH_DELAY_MS = 20;
/** A step (read, user code, commits) this slow gains nothing from batching: send at once. */
const SLOW_STEP_MS = 1;
/** Steps faster than this make SinkBatch look at the clock less often, up to every MAX_STRIDE steps. */
const FAST_STEP_MS = 0.02;
const MAX_STRIDE = 8;

/**
 * Copies an event (metadata and data, one block of bytes) into a new slot of a sink with the same
 * layout, and commits it without writing its token yet (see SinkBatch). Skips a sink that was
 * asked to stop.
 */
export function passOn(sink: Writer, event: SlotView): void {
  const slot = sink.acquire();
  if (slot === null) return;
  slot.bytes.set(event.bytes);
  sink.commit(false);
}

/**
 * Batches the sinks' tokens while the source has events waiting: a batch taken in one read goes on
 * in one write, by the next blocking read of the source (buffer/outbox.ts). When steps are slow
 * (user code), tokens go at once; a batch never waits more than MAX_BATCH_DELAY_MS.
 *
 * While steps are fast it looks at the clock only every few events (looking at every event cost a
 * pass-all filter 0.1 of its 1 µs per event): a slow step is then seen at the next look, at most
 * MAX_STRIDE - 1 steps later, because the time since the last look is at least its own.
 */
export class SinkBatch {
  readonly #source: Reader;
  readonly #sinks: readonly Writer[];
  #batchStartMs = -1;
  /** The last look at the clock, the steps since, and how many steps go between looks. */
  #lookedMs = performance.now();
  #steps = 0;
  #stride = 1;

  constructor(source: Reader, sinks: readonly Writer[]) {
    this.#source = source;
    this.#sinks = sinks;
  }

  /** After the commits of one event; `isUserCodeNext`: user code runs before the next read. */
  afterEvent(isUserCodeNext: boolean): void {
    if (!this.#source.hasTokensWaiting) {
      // The next read blocks, and flushes first; unless user code comes before it.
      this.#batchStartMs = -1;
      this.#lookedMs = performance.now();
      this.#steps = 0;
      this.#stride = 1;
      if (isUserCodeNext) this.flush();
      return;
    }
    if (++this.#steps < this.#stride) return;
    const now = performance.now();
    const sinceLookMs = now - this.#lookedMs;
    const steps = this.#steps;
    this.#lookedMs = now;
    this.#steps = 0;
    if (this.#batchStartMs < 0) this.#batchStartMs = now;
    if (sinceLookMs >= SLOW_STEP_MS || now - this.#batchStartMs >= MAX_BATCH_DELAY_MS) {
      this.flush();
      this.#batchStartMs = -1;
      this.#stride = 1;
      return;
    }
    this.#stride = sinceLookMs < FAST_STEP_MS * steps ? Math.min(this.#stride * 2, MAX_STRIDE) : 1;
  }

  flush(): void {
    for (let i = 0; i < this.#sinks.length; i++) (this.#sinks[i] as Writer).flush();
  }
}
