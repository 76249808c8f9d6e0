import type { SlotMetadata, Writer } from '../buffer/index.js';

// A getter on every call otherwise; it never changes.
const TIME_ORIGIN_MS = performance.timeOrigin;

/** Counter, timestamp and dead time of the events of one importer process. */
export class EventStamper {
  readonly #writer: Writer;
  /** The events carry metadata of their own (replayed): stamp() leaves it. */
  readonly #isKeeping: boolean;
  #lastCommitMs = performance.now();
  #stampedMs = this.#lastCommitMs;
  /** Events this process committed (or discarded while paused). */
  events = 0;

  constructor(writer: Writer, isKeeping = false) {
    this.#writer = writer;
    this.#isKeeping = isKeeping;
  }

  /**
   * Dead time = the time the event waited divided by the time since the previous commit. `deadMs`
   * null: from `readyMs` (the generator had it) until now, as the original measures it (waiting for
   * a free slot, then copying); in place: the time acquire() waited for the slot.
   */
  stamp(metadata: SlotMetadata, readyMs: number, deadMs: number | null): void {
    if (this.#isKeeping) return;
    const counter = this.#writer.nextCounter();
    const now = performance.now();
    this.#stampedMs = now;
    const sinceLast = now - this.#lastCommitMs;
    const dead = deadMs ?? now - readyMs;
    const deadtime = sinceLast > 0 ? Math.min(1, dead / sinceLast) : 0;
    metadata.set3(counter, (TIME_ORIGIN_MS + readyMs) / 1000, deadtime);
  }

  /** After the commit of the event just stamped (microseconds later: its stamp time serves). */
  committed(): void {
    this.#lastCommitMs = this.#stampedMs;
    this.events++;
  }
}
