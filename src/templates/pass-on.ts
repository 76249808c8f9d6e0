import type { Reader, SlotView, Writer } from '../buffer/index.js';

/** Longest time a committed event waits in this process's outbox while its batch fills. */
export const MAX_BATCH_DELAY_MS = 20;
/** A step (read, user code, commits) this slow gains nothing from batching: send at once. */
const SLOW_STEP_MS = 1;

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
 */
export class SinkBatch {
  readonly #source: Reader;
  readonly #sinks: readonly Writer[];
  #batchStartMs = -1;
  #lastStepMs = performance.now();

  constructor(source: Reader, sinks: readonly Writer[]) {
    this.#source = source;
    this.#sinks = sinks;
  }

  /** After the commits of one event; `isUserCodeNext`: user code runs before the next read. */
  afterEvent(isUserCodeNext: boolean): void {
    const now = performance.now();
    const stepMs = now - this.#lastStepMs;
    this.#lastStepMs = now;
    if (!this.#source.hasTokensWaiting) {
      // The next read blocks, and flushes first; unless user code comes before it.
      this.#batchStartMs = -1;
      if (isUserCodeNext) this.flush();
      return;
    }
    if (this.#batchStartMs < 0) this.#batchStartMs = now;
    if (stepMs >= SLOW_STEP_MS || now - this.#batchStartMs >= MAX_BATCH_DELAY_MS) {
      this.flush();
      this.#batchStartMs = -1;
    }
  }

  flush(): void {
    for (let i = 0; i < this.#sinks.length; i++) (this.#sinks[i] as Writer).flush();
  }
}
