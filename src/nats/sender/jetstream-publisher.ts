import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { nuid } from '@nats-io/transport-node';
import { messageHeaders } from '../headers.js';
import type { NatsLink } from '../link.js';
import { Signal } from '../signal.js';
import type { EventBatch, EventBatcher } from './event-batcher.js';
import { windowFor, type Publisher, type SentCounts } from './publisher.js';

const PUBLISH_TIMEOUT_MS = 10_000;
const RETRY_PAUSE_MS = 1000;

interface OnTheWay {
  readonly batch: EventBatch;
  readonly msgID: string;
}

export interface JetStreamPublisherOptions {
  readonly js: JetStreamClient;
  readonly link: NatsLink;
  readonly stream: string;
  readonly subject: string;
  readonly run: number;
  readonly layoutText: string;
  readonly batcher: EventBatcher;
  /** Describes what happens to events meanwhile, for the log: e.g. "ring buffer 'x' waits". */
  readonly backPressure: string;
  readonly log: (line: string) => void;
  /** Called before a retry when the stream did not answer (e.g. memory storage after a restart). */
  readonly restoreStream: () => Promise<void>;
}

/**
 * Publishes to a JetStream stream with acknowledgement and keeps each message until the server
 * has stored it: a failed publish (server restarted, stream busy) is sent again, under the same
 * message id so that the stream stores it once. At most windowFor() messages are on the way.
 */
export class JetStreamPublisher implements Publisher {
  readonly counts: SentCounts = { messages: 0, events: 0, lastSeq: 0 };
  readonly #options: JetStreamPublisherOptions;
  readonly #window: number;
  readonly #prefix = nuid.next();
  readonly #onTheWay = new Set<OnTheWay>();
  readonly #settled = new Signal();
  #sequence = 0;
  #heldEvents = 0;
  #troubleSinceMs: number | undefined;
  /** Messages that failed and are being sent again. */
  readonly #retrying = new Set<OnTheWay>();
  #resent = 0;
  #failure: Error | undefined;

  constructor(options: JetStreamPublisherOptions) {
    this.#options = options;
    this.#window = windowFor(options.batcher.capacity * options.batcher.eventBytes);
  }

  get held(): { messages: number; events: number } {
    return { messages: this.#onTheWay.size, events: this.#heldEvents };
  }

  async waitForRoom(): Promise<void> {
    while (this.#onTheWay.size >= this.#window) await this.#settledOrFailed();
  }

  send(batch: EventBatch): void {
    const message = { batch, msgID: `${this.#prefix}-${++this.#sequence}` };
    this.#onTheWay.add(message);
    this.#heldEvents += batch.events;
    this.#publish(message);
  }

  async drain(): Promise<void> {
    while (this.#onTheWay.size > 0) await this.#settledOrFailed();
  }

  async #settledOrFailed(): Promise<void> {
    this.#throwOnFailure();
    await this.#settled.wait();
    this.#throwOnFailure();
  }

  #throwOnFailure(): void {
    const failure = this.#failure;
    if (failure !== undefined) throw failure;
  }

  #publish(message: OnTheWay): void {
    const { js, subject, run, layoutText } = this.#options;
    js.publish(subject, message.batch.data, {
      msgID: message.msgID,
      headers: messageHeaders(run, layoutText),
      timeout: PUBLISH_TIMEOUT_MS,
    }).then(
      (ack) => this.#stored(message, ack),
      (error: unknown) => this.#failed(message, error),
    );
  }

  #stored(message: OnTheWay, ack: PubAck): void {
    this.#onTheWay.delete(message);
    this.#heldEvents -= message.batch.events;
    if (!ack.duplicate) {
      this.counts.messages++;
      this.counts.events += message.batch.events;
    }
    this.counts.lastSeq = Math.max(this.counts.lastSeq, ack.seq);
    this.#options.batcher.recycle(message.batch);
    this.#retrying.delete(message);
    if (this.#troubleSinceMs !== undefined && this.#retrying.size === 0) this.#recovered();
    this.#settled.notify();
  }

  #failed(message: OnTheWay, error: unknown): void {
    const { link, log } = this.#options;
    if (link.nc.isClosed()) {
      this.#failure = new Error(
        `stream publish failed for good: the connection is closed (${String(error)})`,
      );
      this.#settled.notify();
      return;
    }
    if (this.#troubleSinceMs === undefined) {
      this.#troubleSinceMs = performance.now();
      log(
        `publish to stream ${this.#options.stream} failed (${(error as Error).message}); holding ` +
          `${this.#onTheWay.size} messages (${this.#heldEvents} events) until nats-server stores them; ` +
          `${this.#options.backPressure}`,
      );
    }
    this.#resent++;
    this.#retrying.add(message);
    void this.#retry(message);
  }

  async #retry(message: OnTheWay): Promise<void> {
    const { link } = this.#options;
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    try {
      await link.waitUntilConnected();
      await this.#options.restoreStream();
    } catch {
      // Still not there: the publish below fails again and comes back here.
    }
    this.#publish(message);
  }

  #recovered(): void {
    const seconds = ((performance.now() - (this.#troubleSinceMs ?? 0)) / 1000).toFixed(1);
    this.#options.log(
      `stream ${this.#options.stream} takes messages again after ${seconds} s; ${this.#resent} were sent again (stored once)`,
    );
    this.#troubleSinceMs = undefined;
    this.#resent = 0;
  }
}
