import type { Msg, Subscription } from '@nats-io/transport-node';
import { runOf } from '../headers.js';
import type { NatsLink } from '../link.js';
import { Signal } from '../signal.js';
import type { IncomingMessage, MessageSource } from './message-source.js';

/** Bytes a core receiver holds at most; beyond, it drops messages (and counts their events). */
const MAX_QUEUED_BYTES = 64 * 2 ** 20;
/** No message for this long: 'idle'. */
const IDLE_MS = 1000;

interface Queued extends IncomingMessage {
  readonly size: number;
}

/**
 * Messages of a core subscription in the queue group `consumer`: each goes to one receiver of
 * the group, nothing is stored, and a receiver that falls behind drops what does not fit in
 * MAX_QUEUED_BYTES (counting the events).
 */
export class CoreSource implements MessageSource<Queued> {
  readonly #queue: Queued[] = [];
  readonly #changed = new Signal();
  readonly #subscription: Subscription;
  readonly #eventBytes: number;
  readonly #idleTimer: NodeJS.Timeout;
  #queuedBytes = 0;
  #lastMessageMs = performance.now();
  #isStopped = false;
  #dropped = 0;

  constructor(link: NatsLink, subject: string, queue: string, eventBytes: number) {
    this.#eventBytes = eventBytes;
    this.#subscription = link.nc.subscribe(subject, { queue, callback: (_error, msg) => this.#take(msg) });
    this.#idleTimer = setInterval(() => this.#changed.notify(), IDLE_MS);
  }

  get droppedEvents(): number {
    return this.#dropped;
  }

  waitingRun(): number | undefined {
    const first = this.#queue[0];
    return first === undefined ? undefined : runOf(first.headers);
  }

  async next(): Promise<Queued | 'idle' | undefined> {
    for (;;) {
      const queued = this.#queue.shift();
      if (queued !== undefined) {
        this.#queuedBytes -= queued.size;
        return queued;
      }
      if (this.#isStopped) return undefined;
      if (performance.now() - this.#lastMessageMs >= IDLE_MS) {
        this.#lastMessageMs = performance.now();
        return 'idle';
      }
      await this.#changed.wait();
    }
  }

  done(): void {
    // Core NATS acknowledges nothing.
  }

  giveBack(_queued: Queued, uncommitted: number): void {
    // Nothing to give back to: these events are lost, and counted so.
    this.#dropped += uncommitted;
  }

  async stop(): Promise<void> {
    this.#isStopped = true;
    clearInterval(this.#idleTimer);
    this.#subscription.unsubscribe();
    for (const queued of this.#queue.splice(0)) this.giveBack(queued, queued.data.length / this.#eventBytes);
    this.#changed.notify();
    await Promise.resolve();
  }

  #take(msg: Msg): void {
    this.#lastMessageMs = performance.now();
    const size = msg.data.length;
    if (this.#queuedBytes + size > MAX_QUEUED_BYTES) {
      this.#dropped += Math.floor(size / this.#eventBytes);
      return;
    }
    this.#queuedBytes += size;
    this.#queue.push({ data: msg.data, headers: msg.headers, isRedelivered: false, size });
    this.#changed.notify();
  }
}
