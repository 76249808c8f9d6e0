import type { SlotMetadata, Writer } from '../buffer/index.js';

/** Counter, timestamp and dead time of the events of one importer process. */
export class EventStamper {
  readonly #writer: Writer;
  #lastCommitMs = performance.now();
  /** Events this process committed (or discarded while paused). */
  events = 0;

  constructor(writer: Writer) {
    this.#writer = writer;
  }

  /**
   * Dead time = the time the event waited divided by the time since the previous commit. `deadMs`
   * null: from `readyMs` (the generator had it) until now, as the original measures it (waiting for
   * a free slot, then copying); in place: the time acquire() waited for the slot.
   */
  stamp(metadata: SlotMetadata, readyMs: number, deadMs: number | null): void {
    const counter = this.#writer.nextCounter();
    const now = performance.now();
    const sinceLast = now - this.#lastCommitMs;
    const dead = deadMs ?? now - readyMs;
    const deadtime = sinceLast > 0 ? Math.min(1, dead / sinceLast) : 0;
    metadata.set3(counter, (performance.timeOrigin + readyMs) / 1000, deadtime);
  }

  committed(): void {
    this.#lastCommitMs = performance.now();
    this.events++;
  }
}
