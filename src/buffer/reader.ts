import { AgeSampler } from './event-age.js';
import { BufferUsageError } from '../errors.js';
import { stealHeldCommits } from './held-commits.js';
import { Inbox } from './inbox.js';
import { blockFor, flushAllOutboxes, registerOutbox, TokenOutbox, unregisterOutbox } from './outbox.js';
import type { BufferStats, RingBuffer } from './ring-buffer.js';
import type { RingFile } from './ring-file.js';
import {
  addTo,
  AttachmentByte,
  AttachmentWord,
  ReaderCount,
  Role,
  SlotState,
  SlotWord,
  StateWord,
} from './shared-state.js';
import { claimSlot, clearOwner, setSlotState, slotGeneration } from './slot-table.js';
import type { SlotView } from './slot-view.js';
import { END_TOKEN, makeToken, WAKE_TOKEN } from './token-pipe.js';

const NONE = -1;
const MAX_BACKOFF_MS = 20;
/** pollBriefly() blocks at most this long for a back-off at the end of the stream. */
const BRIEF_BACKOFF_MS = 1;

/**
 * Takes events out of a buffer in commit order: next() returns the views of the next filled
 * slot (valid until the following next()), or null at end of stream. Several readers of one
 * buffer share its events; each event goes to one of them.
 */
export class Reader {
  readonly buffer: RingBuffer;
  readonly #file: RingFile;
  readonly #attachment: number;
  readonly #inbox: Inbox;
  readonly #outbox: TokenOutbox;
  readonly #filledFd: number;
  readonly #filledNonBlocking: number;
  readonly #eventsIndex: number;
  readonly #staleIndex: number;
  readonly #age: AgeSampler;
  readonly #sleepingWord: number;
  readonly #ownSleepingWord: number;
  #current = NONE;
  #sawEnd = false;
  #ended = false;
  #backoffMs = 0;
  /** Slots stay being read until their tokens go back (holdUntilPersisted). */
  #holds = false;
  /**
   * Set at the end of the stream while events may still come: no read before this moment
   * (performance.now() ms; 0: none). A deadline, so that every way of reading passes it.
   */
  #retryAtMs = 0;
  /** The read waitForEvents() has started in the thread pool, until it completes. */
  #reading: Promise<void> | undefined;

  constructor(buffer: RingBuffer) {
    this.buffer = buffer;
    const file = buffer.file;
    this.#file = file;
    const filled = buffer.pipe('filled');
    this.#filledFd = filled.blocking;
    this.#filledNonBlocking = filled.nonBlocking;
    const attachment = buffer.attach(Role.READER);
    this.#attachment = attachment;
    this.#inbox = new Inbox(file, attachment);
    this.#outbox = new TokenOutbox(buffer.pipe('empty').blocking, file.layout.inboxCapacity, (slot) =>
      clearOwner(file, slot, attachment),
    );
    const base = file.attachmentBase(attachment);
    this.#eventsIndex = (base + AttachmentByte.EVENTS) >> 3;
    this.#staleIndex = (base + AttachmentByte.STALE_TOKENS) >> 3;
    this.#age = new AgeSampler(file, attachment);
    this.#sleepingWord = file.stateWord(StateWord.SLEEPING_READERS);
    this.#ownSleepingWord = (base >> 2) + AttachmentWord.SLEEPING;
    registerOutbox(this.#outbox);
  }

  /** The buffer's counters, slot states and flags now, summed over every process (the original's get_stats()). */
  stats(): BufferStats {
    return this.buffer.stats();
  }

  get isEnded(): boolean {
    return this.#ended;
  }

  /** True while tokens taken in an earlier read wait in the inbox: the next next() will not block. */
  get hasTokensWaiting(): boolean {
    return !this.#inbox.isEmpty;
  }

  /** The next event, or null once the stream has ended and nothing is left for this reader. */
  next(): SlotView | null {
    if (this.#current !== NONE) this.#release();
    if (this.#ended) return null;
    this.#throwIfReading('next');
    for (;;) {
      const event = this.#takeFromInbox();
      if (event !== undefined) return event;
      if (this.#sawEnd && this.#finishAtEnd()) return null;
      this.#isBackingOff(Number.POSITIVE_INFINITY); // blocks until it has passed
      if (this.#steal()) continue;
      flushAllOutboxes();
      if (this.#sleepUnlessStolen()) continue;
      this.#inbox.fill(this.#filledFd);
      this.#wake();
    }
  }

  /**
   * The next event if one is there now: its views (valid until the following call), null once
   * the stream has ended, or undefined when nothing is waiting yet; then `await
   * waitForEvents()`. Never blocks, so a worker that also serves a network connection keeps
   * its event loop.
   */
  poll(): SlotView | null | undefined {
    if (this.#current !== NONE) this.#release();
    if (this.#ended) return null;
    if (this.#reading !== undefined || this.#isBackingOff(0)) return undefined;
    for (;;) {
      const event = this.#takeFromInbox();
      if (event !== undefined) return event;
      if (this.#sawEnd) return this.#finishAtEnd() ? null : undefined;
      if (this.#steal()) continue;
      flushAllOutboxes();
      if (this.#inbox.fill(this.#filledNonBlocking) === 0) return undefined;
    }
  }

  /**
   * poll() that, when nothing is waiting, blocks for about a millisecond (two at most) before it
   * returns undefined: cheaper per wait than waitForEvents() when events come often, and the
   * event loop still runs every few milliseconds.
   */
  pollBriefly(): SlotView | null | undefined {
    if (this.#current !== NONE) this.#release();
    if (this.#ended) return null;
    if (this.#reading !== undefined || this.#isBackingOff(BRIEF_BACKOFF_MS)) return undefined;
    for (let isFirst = true; ; isFirst = false) {
      const event = this.#takeFromInbox();
      if (event !== undefined) return event;
      if (this.#sawEnd) return this.#finishAtEnd() ? null : undefined;
      if (!isFirst) return undefined;
      if (this.#steal()) continue;
      flushAllOutboxes();
      if (this.#sleepUnlessStolen()) continue;
      this.#inbox.fillBriefly(this.#filledFd, this.#filledNonBlocking);
      this.#wake();
    }
  }

  /**
   * Resolves once poll() has something to say: tokens have arrived (read in libuv's thread pool
   * while the event loop runs) or a back-off at the end of the stream has passed.
   */
  waitForEvents(): Promise<void> {
    if (this.#reading !== undefined) return this.#reading;
    if (this.#ended || !this.#inbox.isEmpty) return Promise.resolve();
    if (this.#retryAtMs > 0) {
      const ms = Math.max(0, this.#retryAtMs - performance.now());
      return new Promise((resolve) => setTimeout(resolve, ms));
    }
    if (this.#steal()) return Promise.resolve();
    flushAllOutboxes();
    if (this.#sleepUnlessStolen()) return Promise.resolve();
    this.#reading = this.#inbox.fillAsync(this.#filledFd).then(() => {
      this.#reading = undefined;
      this.#wake();
      // Closed while the read waited: what it took goes back to the others.
      if (this.#ended) this.#handBack(this.#inbox.drain());
    });
    return this.#reading;
  }

  /**
   * Keeps every slot this reader is done with until its token goes back (in a batch, before this
   * process blocks, or at close): `persist` runs first, and only then are the slots free. So what
   * `persist` writes of those events (a file's batch) is never lost with them: a kill -9 before
   * leaves the slots being read, and control delivers their events again.
   */
  holdUntilPersisted(persist: () => void): void {
    const file = this.#file;
    this.#holds = true;
    this.#outbox.beforeWrite = (slots, count) => {
      persist();
      for (let k = 0; k < count; k++) setSlotState(file, (slots[k] as number) & 0xffff, SlotState.FREE);
    };
  }

  /**
   * Hands back now the slots of events already read (their tokens otherwise wait in this
   * process's outbox until its next pipe read): for a reader that pauses between events.
   */
  flush(): void {
    this.#outbox.flush();
  }

  /**
   * Whether the back-off at the end of the stream still runs, after blocking up to `blockMs` of
   * it; once it has passed, the next read may go ahead.
   */
  #isBackingOff(blockMs: number): boolean {
    if (this.#retryAtMs === 0) return false;
    const wait = this.#retryAtMs - performance.now();
    if (wait > blockMs) {
      if (blockMs > 0) blockFor(blockMs);
      return true;
    }
    if (wait > 0) blockFor(wait);
    this.#retryAtMs = 0;
    return false;
  }

  /** Takes the commits writers hold into the (empty) inbox; true if there were any. */
  #steal(): boolean {
    return stealHeldCommits(this.#file, this.#inbox) > 0;
  }

  /**
   * Counts this reader as sleeping before it blocks in a read of `filled`, so that writers write
   * their commits at once; then looks once more for held ones (held-commits.ts says why both).
   * True when it found some: then it is awake again and the read is not needed.
   */
  #sleepUnlessStolen(): boolean {
    const { i32 } = this.#file;
    // Counted first, flagged after: a death in between leaves writers writing at once, never holding.
    Atomics.add(i32, this.#sleepingWord, 1);
    Atomics.store(i32, this.#ownSleepingWord, ReaderCount.SLEEPING);
    if (!this.#steal()) return false;
    this.#wake();
    return true;
  }

  #wake(): void {
    const { i32 } = this.#file;
    if (Atomics.exchange(i32, this.#ownSleepingWord, ReaderCount.NONE) === ReaderCount.SLEEPING)
      Atomics.sub(i32, this.#sleepingWord, 1);
  }

  /** The event of the next token in the inbox; undefined when the inbox is empty. */
  #takeFromInbox(): SlotView | undefined {
    const inbox = this.#inbox;
    const file = this.#file;
    while (!inbox.isEmpty) {
      const token = inbox.peek();
      if (token === END_TOKEN) {
        inbox.consume();
        this.#sawEnd = true;
        continue;
      }
      if (token === WAKE_TOKEN) {
        // Ended somebody's brief wait (bounded-read.ts): nothing to read.
        inbox.consume();
        continue;
      }
      const slot = token & 0xffff;
      // Claim first, clear the inbox entry after: a crash in between leaves the slot findable.
      if (claimSlot(file, slot, token >>> 16, SlotState.FILLED, SlotState.READING, this.#attachment)) {
        inbox.consume();
        this.#current = slot;
        this.#backoffMs = 0;
        addTo(file.f64, this.#eventsIndex);
        const view = this.buffer.slotView(slot);
        this.#age.taken(view.metadata);
        return view;
      }
      inbox.consume();
      addTo(file.f64, this.#staleIndex);
    }
    return undefined;
  }

  #throwIfReading(method: string): void {
    if (this.#reading !== undefined)
      throw new BufferUsageError(
        `buffer '${this.buffer.name}': ${method}() while waitForEvents() is still reading the pipe`,
      );
  }

  #release(): void {
    const slot = this.#current;
    this.#current = NONE;
    const gen = this.#holds
      ? slotGeneration(this.#file, slot)
      : setSlotState(this.#file, slot, SlotState.FREE);
    this.#outbox.push(makeToken(slot, gen));
    if (this.#outbox.isFull) this.#outbox.flush();
  }

  /**
   * End of stream was seen and the inbox is empty. The sentinel goes back for the other readers;
   * this reader ends unless events may still come: slots filled or being read elsewhere (a reader
   * that dies hands its slot back), or a reclaim in progress. Then the next read waits a
   * growing back-off first.
   */
  #finishAtEnd(): boolean {
    this.#sawEnd = false;
    flushAllOutboxes();
    this.buffer.writeControlTokens('filled', [END_TOKEN]);
    if (this.#isDrained()) {
      this.close();
      return true;
    }
    this.#backoffMs = Math.min(MAX_BACKOFF_MS, this.#backoffMs * 2 || 0.25);
    this.#retryAtMs = performance.now() + this.#backoffMs;
    return false;
  }

  #isDrained(): boolean {
    const file = this.#file;
    const { i32 } = file;
    if (Atomics.load(i32, file.stateWord(StateWord.RECLAIMING)) !== 0) return false;
    for (let slot = 0; slot < file.layout.slotCount; slot++) {
      const state = Atomics.load(i32, file.slotWord(slot, SlotWord.WORD)) & 3;
      if (state === SlotState.FILLED || state === SlotState.READING) return false;
    }
    return true;
  }

  /**
   * Gives back what this reader holds (its current slot, tokens not yet taken) and detaches. A
   * read that waitForEvents() started hands its tokens back when it completes.
   */
  close(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#current !== NONE) this.#release();
    this.#outbox.flush();
    unregisterOutbox(this.#outbox);
    const unread = this.#reading === undefined ? this.#inbox.drain() : [];
    if (this.#sawEnd) unread.push(END_TOKEN);
    this.#handBack(unread);
    this.buffer.closeReaderEntry(this.#attachment);
  }

  #handBack(tokens: number[]): void {
    if (tokens.length > 0) this.buffer.writeControlTokens('filled', tokens);
  }
}
