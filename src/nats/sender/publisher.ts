import type { EventBatch } from './event-batcher.js';

/** What a sender has sent so far; the registry entry and the status display show it. */
export interface SentCounts {
  /** Messages and events stored by the server (jetstream) or handed to the connection (core). */
  messages: number;
  events: number;
  /** Stream sequence of the newest acknowledged message (jetstream mode). */
  lastSeq: number;
}

/** Sends batches of events as messages, with a bounded number of them on the way. */
export interface Publisher {
  readonly counts: SentCounts;
  /** Seconds since messages wait for a server that stores nothing (0 while all is well). */
  readonly stalledSeconds: number;
  /** Messages sent and not yet acknowledged (or flushed), and their events. */
  readonly held: { readonly messages: number; readonly events: number };
  /** Resolves once another message may be sent: memory stays bounded, the ring buffer waits. */
  waitForRoom(): Promise<void>;
  send(batch: EventBatch): void;
  /** Resolves once every message sent is stored (jetstream) or written out (core). */
  drain(): Promise<void>;
}

/** Bytes of messages a sender keeps on the way at most (and at least two messages). */
export const WINDOW_BYTES = 16 * 2 ** 20;
const MAX_WINDOW_MESSAGES = 64;

/** How many messages of `messageBytes` may be on the way. */
export function windowFor(messageBytes: number): number {
  return Math.max(2, Math.min(MAX_WINDOW_MESSAGES, Math.floor(WINDOW_BYTES / messageBytes)));
}
