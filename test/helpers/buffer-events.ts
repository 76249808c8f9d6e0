// The TypeScript side of test/fixtures/buffer/event-fields.mjs and read-events.mjs.
import type { Writer } from '../../src/buffer/index.js';

/** Fields of the events the buffer fixtures write (writer id, sequence number, a checked payload). */
export const EVENT_FIELDS = { writer: 'i4', seq: 'i4', x: 'f8' } as const;

/** The `summary` line of read-events.mjs. */
export interface ReaderSummary {
  readonly events: number;
  /** writer id -> sequence numbers, in the order this reader received them. */
  readonly seqs: Readonly<Record<string, number[]>>;
  /** The event counter of every event, in arrival order. */
  readonly counters: number[];
  /** Events whose payload did not match their writer and sequence number. */
  readonly corrupt: number;
  /** Date.now() when next() returned null. */
  readonly endedAt: number;
  /** --async: how often a 5 ms timer fired while the reader read (0 without --async). */
  readonly ticks: number;
}

/** The `written` line of write-events.mjs. */
export interface WrittenLine {
  readonly committed: number;
  readonly acquireReturnedNull: boolean;
}

/** Commits `count` events with only their metadata set, stamped `ageSeconds` in the past. */
export function commitEvents(writer: Writer, count: number, ageSeconds = 0): void {
  for (let i = 0; i < count; i++) {
    const slot = writer.acquire();
    if (slot === null) throw new Error('the buffer refused an event');
    slot.metadata.set3(writer.nextCounter(), Date.now() / 1000 - ageSeconds, 0);
    writer.commit();
  }
}
