import { messageHeaders } from '../headers.js';
import type { NatsLink } from '../link.js';
import type { EventBatch, EventBatcher } from './event-batcher.js';
import { windowFor, type Publisher, type SentCounts } from './publisher.js';

export interface CorePublisherOptions {
  readonly link: NatsLink;
  readonly subject: string;
  readonly run: number;
  readonly layoutText: string;
  readonly batcher: EventBatcher;
  readonly log: (line: string) => void;
}

/**
 * Publishes plainly (core NATS: no storage, no acknowledgement; a slow or absent receiver misses
 * messages). The client keeps a message's memory until it is written out, so each window of
 * messages ends with a flush (a round trip to the server) before its memory is used again; while
 * the server is away nothing is sent and the ring buffer waits.
 */
export class CorePublisher implements Publisher {
  readonly counts: SentCounts = { messages: 0, events: 0, lastSeq: 0 };
  readonly #options: CorePublisherOptions;
  readonly #window: number;
  #unflushed: EventBatch[] = [];
  #unflushedEvents = 0;

  constructor(options: CorePublisherOptions) {
    this.#options = options;
    this.#window = windowFor(options.batcher.capacity * options.batcher.eventBytes);
  }

  get stalledSeconds(): number {
    return this.#options.link.downSeconds;
  }

  get held(): { messages: number; events: number } {
    return { messages: this.#unflushed.length, events: this.#unflushedEvents };
  }

  async waitForRoom(): Promise<void> {
    if (this.#unflushed.length >= this.#window) await this.drain();
    await this.#options.link.waitUntilConnected();
  }

  send(batch: EventBatch): void {
    const { link, subject, run, layoutText } = this.#options;
    link.nc.publish(subject, batch.data, { headers: messageHeaders(run, layoutText) });
    this.counts.messages++;
    this.counts.events += batch.events;
    this.#unflushed.push(batch);
    this.#unflushedEvents += batch.events;
  }

  async drain(): Promise<void> {
    const batches = this.#unflushed;
    if (batches.length === 0) return;
    this.#unflushed = [];
    this.#unflushedEvents = 0;
    try {
      await this.#options.link.nc.flush();
    } catch (error) {
      // Core mode keeps nothing for later: what was not written is lost, and the totals show it.
      // The client may still hold the memory (to send after a reconnect): it is not reused.
      this.#options.log(
        `flushing ${batches.length} messages to nats-server failed: ${(error as Error).message}`,
      );
      return;
    }
    for (const batch of batches) this.#options.batcher.recycle(batch);
  }
}
