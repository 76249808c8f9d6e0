import { setTimeout as sleep } from 'node:timers/promises';
import type { BufferLayout, Observer as BufferObserver } from '../buffer/index.js';
import type { BufferIO } from './buffer-io.js';
import { copyEvent } from './event-copy.js';
import { validateArity } from './setup-checks.js';
import type { EventData, EventPair } from './types.js';

export interface ObserverOptions {
  /** Seconds at least between two events the iteration yields. @default 0 */
  readonly interval?: number;
  /** Seconds to wait before looking again when nothing new was committed. @default 0.005 */
  readonly pollInterval?: number;
}

const TEMPLATE = 'Observer';
const DEFAULT_POLL_SECONDS = 0.005;

function validateSeconds(key: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(
      `Observer options.${key} must be a number of seconds >= 0, got ${JSON.stringify(value) ?? typeof value}`,
    );
  }
  return value;
}

/**
 * Looks at the newest events of a buffer without taking part in its flow (1 observed buffer, no
 * sources or sinks). `for await (const [data, metadata] of new Observer(io))` yields copies of new
 * commits only (never one twice; events committed in between are skipped), at most every
 * `interval` seconds, and ends when the observed buffer has ended.
 */
export class Observer<D extends EventData = EventData> implements AsyncIterable<EventPair<D>> {
  /** The observed buffer's layout (fields, data_length). */
  readonly layout: BufferLayout;
  readonly #observer: BufferObserver;
  readonly #intervalMs: number;
  readonly #pollMs: number;

  constructor(io: BufferIO, options: ObserverOptions = {}) {
    const intervalMs = validateSeconds('interval', options.interval, 0) * 1000;
    const pollMs = validateSeconds('pollInterval', options.pollInterval, DEFAULT_POLL_SECONDS) * 1000;
    validateArity(io, TEMPLATE, { sources: 0, sinks: 0, observes: 1 });
    this.#observer = io.observes[0] as BufferObserver;
    this.layout = this.#observer.buffer.layout;
    this.#intervalMs = intervalMs;
    this.#pollMs = pollMs;
    io.ready();
  }

  /** True once the observed buffer's stream has ended. */
  get isEnded(): boolean {
    return this.#observer.isEnded;
  }

  /** A copy of the newest event committed since the last one returned, or null. Never blocks. */
  latest(): EventPair<D> | null {
    const event = this.#observer.latest();
    return event === null ? null : (copyEvent(event, this.layout) as EventPair<D>);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<EventPair<D>, undefined, undefined> {
    let nextAllowedMs = 0;
    for (;;) {
      // A timer may fire up to a millisecond before performance.now() says it is due: look again.
      for (
        let waitMs = nextAllowedMs - performance.now();
        waitMs > 0;
        waitMs = nextAllowedMs - performance.now()
      ) {
        await sleep(waitMs);
      }
      const event = this.latest();
      if (event !== null) {
        nextAllowedMs = performance.now() + this.#intervalMs;
        yield event;
        continue;
      }
      if (this.isEnded) {
        // The end is posted after the last commit: one more look finds it if it is new.
        const last = this.latest();
        if (last !== null) yield last;
        return undefined;
      }
      await sleep(this.#pollMs);
    }
  }
}
