import { discardWaitingEvents, type RingBuffer } from '../../buffer/index.js';
import type { ResolvedSetup } from '../setup/index.js';
import type { ProcessSlot } from './process-slot.js';

/** While a buffer has no reader left, control takes its events this often, so writers go on. */
const DISCARD_INTERVAL_MS = 10;

export interface DeadReaderOptions {
  readonly setup: ResolvedSetup;
  readonly buffers: ReadonlyMap<string, RingBuffer>;
  readonly slots: () => readonly ProcessSlot[];
  readonly notice: (message: string) => void;
  /** Ends the part of the chain that feeds a dead buffer: the roots stop, the rest drains. */
  readonly stopRoots: () => void;
}

/**
 * Finds buffers whose every reader is gone (exited, no restart coming) while events wait in
 * them or writers still write, which would otherwise block the writers for good. Such a buffer
 * is reported once, the roots are stopped, and from then on control takes whatever arrives in it
 * and counts it as undeliverable, so the rest of the chain drains and the run ends.
 */
export class DeadReaderWatch {
  readonly #options: DeadReaderOptions;
  readonly #dead: RingBuffer[] = [];
  #timer: NodeJS.Timeout | undefined;
  #isStopped = false;

  constructor(options: DeadReaderOptions) {
    this.#options = options;
  }

  /** Looks at every buffer once; call after each exit and now and then. */
  check(): void {
    if (this.#isStopped) return;
    const { setup, buffers, slots } = this.#options;
    for (const spec of setup.buffers) {
      if (spec.readers === 0) continue;
      const buffer = buffers.get(spec.name) as RingBuffer;
      if (this.#dead.includes(buffer)) continue;
      const readers = slots().filter((slot) => slot.worker.sources.includes(spec.name));
      if (readers.length === 0 || !readers.every((slot) => slot.isDone)) continue;
      const stats = buffer.stats();
      const waiting = stats.filled + stats.reading;
      // Open writers of an ended stream: it was forced to end, and what they write is dropped.
      if (waiting === 0 && (stats.openWriters === 0 || stats.ended)) continue;
      const workers = [...new Set(readers.map((slot) => `'${slot.worker.name}'`))].join(', ');
      this.#options.notice(
        `buffer '${spec.name}' has no reader left (${workers} ended) while ${waiting} events wait in it` +
          `${stats.openWriters > 0 ? ' and its writers still write' : ''}: stopping the roots; ` +
          `its events are counted as undeliverable`,
      );
      this.#dead.push(buffer);
      this.#options.stopRoots();
    }
    if (this.#dead.length > 0) this.#discard();
  }

  /** The run is finishing (every process is gone): takes and counts what is left, then stops. */
  finish(): void {
    this.check();
    this.#isStopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const buffer of this.#dead) discardWaitingEvents(buffer);
  }

  #discard(): void {
    clearTimeout(this.#timer);
    for (const buffer of this.#dead) discardWaitingEvents(buffer);
    this.#timer = setTimeout(() => this.#discard(), DISCARD_INTERVAL_MS);
  }
}
