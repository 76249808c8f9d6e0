import { discardWaitingEvents, type RingBuffer } from '../../buffer/index.js';
import type { ResolvedSetup } from '../setup/index.js';
import type { ProcessSlot } from './process-slot.js';

/** While a buffer has no reader left, control takes its events this often, so writers go on. */
const DISCARD_INTERVAL_MS = 10;

export interface DeadReaderOptions {
  readonly setup: ResolvedSetup;
  readonly buffers: ReadonlyMap<string, RingBuffer>;
  /** The root buffers: once all have ended or were told to stop, the run is draining. */
  readonly roots: readonly string[];
  readonly slots: () => readonly ProcessSlot[];
  readonly notice: (message: string) => void;
  /** Ends the part of the chain that feeds a dead buffer: the roots stop, the rest drains. */
  readonly stopRoots: () => void;
}

/**
 * Finds buffers whose every reader is gone (exited, no restart coming) while events wait in
 * them or writers still write, which would otherwise block the writers for good. Such a buffer
 * is reported once, the roots are stopped, and from then on control takes whatever arrives in it
 * and counts it as undeliverable, so the rest of the chain drains and the run ends. A buffer no
 * worker reads (a warning of the setup) holds its writers back while the roots run, as in the
 * original; once the roots have ended or were told to stop, it is treated the same way, so the
 * run drains instead of waiting for ever.
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
    this.#check(true);
  }

  // At the end no writer waits any more: what an unread buffer holds then stays where it is.
  #check(mayTakeOverUnread: boolean): void {
    if (this.#isStopped) return;
    const { setup, buffers, slots } = this.#options;
    const isDraining = mayTakeOverUnread && this.#rootsHaveStopped();
    for (const spec of setup.buffers) {
      const buffer = buffers.get(spec.name) as RingBuffer;
      if (this.#dead.includes(buffer)) continue;
      if (spec.readers === 0) {
        if (isDraining && !spec.overwrite) this.#takeOverUnread(spec.name, buffer);
        continue;
      }
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

  #rootsHaveStopped(): boolean {
    const { roots, buffers } = this.#options;
    return (
      roots.length > 0 &&
      roots.every((name) => {
        const stats = (buffers.get(name) as RingBuffer).stats();
        return stats.stopRequested || stats.ended;
      })
    );
  }

  #takeOverUnread(name: string, buffer: RingBuffer): void {
    const stats = buffer.stats();
    const waiting = stats.filled + stats.reading;
    if (waiting === 0) return; // its writers are not held back (yet); looked at again each tick
    this.#options.notice(
      `buffer '${name}' has no reader (none is declared) and the roots are done: its ${waiting} ` +
        'waiting events and what its writers still write are counted as undeliverable, so the chain drains',
    );
    this.#dead.push(buffer);
  }

  /** The run is finishing (every process is gone): takes and counts what is left, then stops. */
  finish(): void {
    this.#check(false);
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
