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
  /** Counts the publishes of this message: only the answer to the latest one counts. */
  attempt: number;
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
 * has stored it. A message whose publish failed, or that was on the way when the connection
 * dropped, is sent again under the same message id, so that the stream stores it once. At most
 * windowFor() messages are on the way: then the ring buffer upstream waits.
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
  /** Since when messages wait for the server (an outage, or failed publishes). */
  #troubleSinceMs: number | undefined;
  #resent = 0;
  #failure: Error | undefined;

  constructor(options: JetStreamPublisherOptions) {
    this.#options = options;
    this.#window = windowFor(options.batcher.capacity * options.batcher.eventBytes);
    options.link.onDisconnect(() => this.#trouble('the connection dropped'));
    // What was on the way may be lost with the connection: send it again at once (stored once).
    options.link.onReconnect(() => {
      for (const message of this.#onTheWay) this.#publish(message);
    });
  }

  get stalledSeconds(): number {
    return this.#troubleSinceMs === undefined ? 0 : (performance.now() - this.#troubleSinceMs) / 1000;
  }

  get held(): { messages: number; events: number } {
    return { messages: this.#onTheWay.size, events: this.#heldEvents };
  }

  async waitForRoom(): Promise<void> {
    while (this.#onTheWay.size >= this.#window) await this.#settledOrFailed();
  }

  send(batch: EventBatch): void {
    const message = { batch, msgID: `${this.#prefix}-${++this.#sequence}`, attempt: 0 };
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
    const attempt = ++message.attempt;
    if (attempt > 1) this.#resent++;
    js.publish(subject, message.batch.data, {
      msgID: message.msgID,
      headers: messageHeaders(run, layoutText),
      timeout: PUBLISH_TIMEOUT_MS,
    }).then(
      (ack) => {
        if (this.#onTheWay.has(message)) this.#stored(message, ack);
      },
      (error: unknown) => {
        if (this.#onTheWay.has(message) && message.attempt === attempt) this.#failed(message, error);
      },
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
    if (this.#troubleSinceMs !== undefined && this.#options.link.isConnected) this.#recovered();
    this.#settled.notify();
  }

  #failed(message: OnTheWay, error: unknown): void {
    const { link } = this.#options;
    if (link.nc.isClosed()) {
      this.#failure = new Error(
        `publishing to stream '${this.#options.stream}' failed: the connection is closed (${String(error)})`,
      );
      this.#settled.notify();
      return;
    }
    this.#trouble(`a publish failed: ${(error as Error).message}`);
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
    if (this.#onTheWay.has(message)) this.#publish(message);
  }

  /** Says once per outage what waits, and where the events go meanwhile. */
  #trouble(why: string): void {
    if (this.#troubleSinceMs !== undefined) return;
    this.#troubleSinceMs = performance.now();
    this.#options.log(
      `stream '${this.#options.stream}' stores nothing for now (${why}): ${this.#onTheWay.size} messages ` +
        `(${this.#heldEvents} events) wait to be stored; more are sent until ${this.#window} wait, then no ` +
        `more events are read; ${this.#options.backPressure}`,
    );
  }

  #recovered(): void {
    const seconds = ((performance.now() - (this.#troubleSinceMs ?? 0)) / 1000).toFixed(1);
    this.#options.log(
      `stream '${this.#options.stream}' stores messages again after ${seconds} s; ${this.#resent} were sent again (each stored once)`,
    );
    this.#troubleSinceMs = undefined;
    this.#resent = 0;
  }
}
