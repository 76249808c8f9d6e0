import type { Consumer, JsMsg } from '@nats-io/jetstream';
import { runOf } from '../headers.js';
import type { NatsLink } from '../link.js';
import { Signal } from '../signal.js';
import type { IncomingMessage, MessageSource } from './message-source.js';

/**
 * One pull asks for about this many bytes: several full messages, so that one is there while the
 * next comes. (Asked as a number of messages: nats-server 2.9 ends a pull limited by bytes on its
 * default message count without telling the client, which then waits for the pull to expire.)
 */
const FETCH_BYTES = 8 * 2 ** 20;
const MAX_FETCH_MESSAGES = 256;
/** A pull with nothing to deliver ends after this long; the server says it is alive every third of it. */
const FETCH_EXPIRES_MS = 9000;
const FETCH_HEARTBEAT_MS = 3000;
/** No message for this long: 'idle' (the receiver looks whether its run is over). */
const IDLE_MS = 1000;
const RETRY_PAUSE_MS = 1000;

interface Held extends IncomingMessage {
  readonly message: JsMsg;
}

export interface JetStreamSourceOptions {
  readonly link: NatsLink;
  /** The consumer, got again after a failure (the server may have lost it: memory storage). */
  readonly consumer: () => Promise<Consumer>;
  readonly ackWaitS: number;
  /** The largest message expected (max_batch_bytes): a pull asks for FETCH_BYTES of them. */
  readonly messageBytes: number;
  readonly log: (line: string) => void;
}

/**
 * Messages of the stream's work-queue consumer, pulled ahead into this process so that the
 * next one is there while one is committed. Every message held here is kept alive (`working`)
 * while it waits, so a receiver that waits for room in its ring buffer keeps its messages, and a
 * receiver that dies loses none: the server gives them to another after ack_wait.
 */
export class JetStreamSource implements MessageSource<Held> {
  readonly droppedEvents = 0;
  readonly #options: JetStreamSourceOptions;
  readonly #fetchMessages: number;
  readonly #queue: Held[] = [];
  readonly #changed = new Signal();
  readonly #keepAlive: NodeJS.Timeout;
  readonly #idleTimer: NodeJS.Timeout;
  #inHand: Held | undefined;
  #lastMessageMs = performance.now();
  #isStopped = false;
  #fetching: Promise<void>;
  #stopPull: (() => void) | undefined;

  constructor(options: JetStreamSourceOptions) {
    this.#options = options;
    this.#fetchMessages = Math.max(
      2,
      Math.min(MAX_FETCH_MESSAGES, Math.floor(FETCH_BYTES / options.messageBytes)),
    );
    this.#keepAlive = setInterval(() => this.#touch(), (options.ackWaitS * 1000) / 3);
    this.#idleTimer = setInterval(() => this.#changed.notify(), IDLE_MS);
    this.#fetching = this.#pull();
  }

  waitingRun(): number | undefined {
    const first = this.#queue[0];
    return first === undefined ? undefined : runOf(first.headers);
  }

  async next(): Promise<Held | 'idle' | undefined> {
    this.#inHand = undefined;
    for (;;) {
      const held = this.#queue.shift();
      if (held !== undefined) {
        this.#inHand = held;
        // One left: time for the next pull, so that it comes while this one is committed.
        if (this.#queue.length <= 1) this.#changed.notify();
        return held;
      }
      if (this.#isStopped) return undefined;
      if (performance.now() - this.#lastMessageMs >= IDLE_MS) {
        this.#lastMessageMs = performance.now();
        return 'idle';
      }
      await this.#changed.wait();
    }
  }

  done(held: Held): void {
    held.message.ack();
  }

  giveBack(held: Held, _uncommitted: number): void {
    held.message.nak();
  }

  async stop(): Promise<void> {
    this.#isStopped = true;
    clearInterval(this.#keepAlive);
    clearInterval(this.#idleTimer);
    this.#stopPull?.();
    this.#changed.notify();
    await this.#fetching;
    for (const held of this.#queue.splice(0)) held.message.nak();
  }

  #touch(): void {
    this.#inHand?.message.working();
    for (const held of this.#queue) held.message.working();
  }

  async #pull(): Promise<void> {
    let failures = 0;
    while (!this.#isStopped) {
      // Pull again once the last pull's messages are nearly all committed.
      if (this.#queue.length > 1) {
        await this.#changed.wait();
        continue;
      }
      try {
        const consumer = await this.#options.consumer();
        const messages = await consumer.fetch({
          max_messages: this.#fetchMessages,
          expires: FETCH_EXPIRES_MS,
          idle_heartbeat: FETCH_HEARTBEAT_MS,
        });
        this.#stopPull = () => void messages.close();
        for await (const message of messages) {
          this.#lastMessageMs = performance.now();
          this.#queue.push({
            message,
            data: message.data,
            headers: message.headers,
            isRedelivered: message.redelivered,
          });
          this.#changed.notify();
        }
        failures = 0;
      } catch (error) {
        if (this.#isStopped) break;
        // A pull may end on missed heartbeats once in a while: pull again at once; if that
        // fails too, say so once and pause between tries (the server may be away).
        failures++;
        if (failures === 2)
          this.#options.log(
            `pulling messages failed (${(error as Error).message}); trying again every second`,
          );
        if (failures >= 2) {
          await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
          await this.#options.link.waitUntilConnected().catch(() => undefined);
        }
      } finally {
        this.#stopPull = undefined;
      }
    }
  }
}
