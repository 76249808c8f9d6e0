import { Inbox } from './inbox.js';
import { blockFor, flushAllOutboxes } from './outbox.js';
import type { RingBuffer } from './ring-buffer.js';
import { SlotState } from './shared-state.js';
import { END_TOKEN, WAKE_TOKEN } from './token-pipe.js';

/**
 * How a writer gets the tokens of slots to fill into its inbox: free slots from `empty` (blocking,
 * briefly, in the thread pool, or not at all), or in overwrite mode the oldest filled slot from
 * `filled`. Every wait is reported to `onWaited` (seconds), as the writer's waited time.
 */
export class SlotIntake {
  readonly inbox: Inbox;
  readonly #buffer: RingBuffer;
  readonly #emptyFd: number;
  readonly #emptyNonBlocking: number;
  readonly #filledNonBlocking: number;
  readonly #overwrite: boolean;
  readonly #onWaited: (seconds: number) => void;
  /** Claims from the inbox expect FREE slots, or FILLED ones taken to overwrite. */
  state: number = SlotState.FREE;
  /** The read waitAsync() has started in the thread pool, until it completes. */
  reading: Promise<void> | undefined;

  constructor(buffer: RingBuffer, attachment: number, onWaited: (seconds: number) => void) {
    this.#buffer = buffer;
    this.inbox = new Inbox(buffer.file, attachment);
    const empty = buffer.pipe('empty');
    this.#emptyFd = empty.blocking;
    this.#emptyNonBlocking = empty.nonBlocking;
    this.#filledNonBlocking = buffer.pipe('filled').nonBlocking;
    this.#overwrite = buffer.layout.overwrite;
    this.#onWaited = onWaited;
  }

  /**
   * Reads tokens into the empty inbox. Returns the seconds it waited (0 when tokens were there at
   * once), or -1 when, without `blocking`, none was there.
   */
  refill(blocking: boolean): number {
    flushAllOutboxes();
    this.state = SlotState.FREE;
    if (this.#overwrite || !blocking) {
      if (this.inbox.fill(this.#emptyNonBlocking) > 0) return 0;
    }
    if (this.#overwrite) {
      // No free slot: recycle the oldest filled one (one token, straight into the inbox).
      if (this.inbox.fill(this.#filledNonBlocking, 1) > 0) {
        if (this.inbox.peek() === END_TOKEN) {
          this.inbox.consume();
          this.#buffer.writeControlTokens('filled', [END_TOKEN]);
          blockFor(1);
        } else {
          this.state = SlotState.FILLED;
        }
        return 0;
      }
    }
    if (!blocking) return -1;
    return this.#timed(() => this.inbox.fill(this.#emptyFd));
  }

  /** A blocking read of free slots that lasts a millisecond or two at most (bounded-read.ts). */
  refillBriefly(): void {
    flushAllOutboxes();
    this.state = SlotState.FREE;
    this.#timed(() => this.inbox.fillBriefly(this.#emptyFd, this.#emptyNonBlocking));
  }

  /** Reads free slots in the thread pool; `afterwards` runs when the read completed. */
  waitAsync(afterwards: () => void): Promise<void> {
    flushAllOutboxes();
    this.state = SlotState.FREE;
    const start = performance.now();
    this.reading = this.inbox.fillAsync(this.#emptyFd).then(() => {
      this.reading = undefined;
      this.#onWaited((performance.now() - start) / 1000);
      afterwards();
    });
    return this.reading;
  }

  /** Hands back the tokens taken but not used: free slots to `empty`, recycled ones to `filled`. */
  returnUnused(): void {
    const free: number[] = [];
    for (const token of this.inbox.drain()) {
      if (token === WAKE_TOKEN) continue;
      if (this.state === SlotState.FILLED) this.#buffer.writeControlTokens('filled', [token]);
      else free.push(token);
    }
    if (free.length > 0) this.#buffer.writeControlTokens('empty', free);
  }

  #timed(read: () => void): number {
    const start = performance.now();
    read();
    const waited = (performance.now() - start) / 1000;
    this.#onWaited(waited);
    return waited;
  }
}
