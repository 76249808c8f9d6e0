import { BufferUsageError } from '../errors.js';
import { HeldCommits } from './held-commits.js';
import { registerOutbox, unregisterOutbox } from './outbox.js';
import type { BufferStats, RingBuffer } from './ring-buffer.js';
import type { RingFile } from './ring-file.js';
import { addTo, AttachmentByte, Role, SlotState, StateByte, StateWord } from './shared-state.js';
import { bumpSeq, claimSlot, clearOwner, setSlotState } from './slot-table.js';
import { SlotIntake } from './slot-intake.js';
import { makeSlotView, type SlotView } from './slot-view.js';
import { makeToken, TOKEN_GEN_MASK, WAKE_TOKEN } from './token-pipe.js';

const NONE = -1;
const SCRATCH = -2;

/**
 * Puts events into a buffer: acquire() a free slot (blocks while none is free), fill its views,
 * commit(). One Writer per process and buffer; it is a registered writer of the buffer until
 * close(), and the last registered writer to close ends the stream.
 */
export class Writer {
  readonly buffer: RingBuffer;
  readonly #file: RingFile;
  readonly #i32: Int32Array;
  readonly #f64: Float64Array;
  readonly #attachment: number;
  readonly #intake: SlotIntake;
  readonly #held: HeldCommits;
  readonly #overwrite: boolean;
  readonly #scratch: SlotView;
  readonly #words: { paused: number; stop: number; ended: number; forced: number; last: number };
  readonly #counters: {
    events: number;
    discarded: number;
    overwritten: number;
    waited: number;
    dropped: number;
    stale: number;
  };
  /**
   * What this process does with the held commits before it blocks in a pipe read: readers that
   * are awake take them themselves, so they are written only for sleeping readers, or for this
   * writer's own recycling (overwrite mode takes the oldest event from `filled`).
   */
  readonly #beforeBlocking = {
    flush: (): void => {
      if (this.#overwrite || this.#held.isNeededBeforeBlocking) this.#held.flush();
    },
  };
  #current = NONE;
  #closed = false;
  /** Seconds the last acquire() waited for a free slot. */
  lastWaitSeconds = 0;

  constructor(buffer: RingBuffer) {
    this.buffer = buffer;
    const file = buffer.file;
    this.#file = file;
    this.#i32 = file.i32;
    this.#f64 = file.f64;
    this.#overwrite = file.layout.overwrite;
    this.#attachment = buffer.attach(Role.WRITER);
    const attachment = this.#attachment;
    this.#held = new HeldCommits(file, attachment, buffer.pipe('filled').blocking);
    const scratch = new ArrayBuffer(file.layout.slotSize);
    this.#scratch = makeSlotView(file.layout, scratch, 0, -1);
    this.#words = {
      paused: file.stateWord(StateWord.PAUSED),
      stop: file.stateWord(StateWord.STOP_REQUESTED),
      ended: file.stateWord(StateWord.ENDED),
      forced: file.stateWord(StateWord.FORCED_END),
      last: file.stateWord(StateWord.LAST_COMMITTED),
    };
    const base = file.attachmentBase(attachment);
    this.#counters = {
      events: (base + AttachmentByte.EVENTS) >> 3,
      discarded: (base + AttachmentByte.DISCARDED) >> 3,
      overwritten: (base + AttachmentByte.OVERWRITTEN) >> 3,
      waited: (base + AttachmentByte.WAITED_SECONDS) >> 3,
      dropped: (base + AttachmentByte.DROPPED) >> 3,
      stale: (base + AttachmentByte.STALE_TOKENS) >> 3,
    };
    this.#intake = new SlotIntake(buffer, attachment, (seconds) =>
      addTo(this.#f64, this.#counters.waited, seconds),
    );
    registerOutbox(this.#beforeBlocking);
  }

  /** The buffer's counters, slot states and flags now, summed over every process (the original's get_stats()). */
  stats(): BufferStats {
    return this.buffer.stats();
  }

  get isStopRequested(): boolean {
    return Atomics.load(this.#i32, this.#words.stop) !== 0;
  }

  get isPaused(): boolean {
    return Atomics.load(this.#i32, this.#words.paused) !== 0;
  }

  /** Draws the next number of the buffer's event counter (shared by all its importers). */
  nextCounter(): number {
    return Number(Atomics.add(this.#file.i64, this.#file.stateF64(StateByte.EVENT_COUNTER), 1n));
  }

  /**
   * A slot to fill, or null once a stop was requested (or the stream was forced to end). Blocks
   * while no slot is free, unless the buffer overwrites. While paused, returns a private scratch
   * slot whose commit is counted as discarded.
   */
  acquire(): SlotView | null {
    if (this.#intake.reading !== undefined)
      throw new BufferUsageError(
        `buffer '${this.buffer.name}': acquire() while waitForSlot() is still reading the pipe`,
      );
    const slot = this.#take('acquire');
    if (slot !== undefined) return slot;
    for (;;) {
      this.lastWaitSeconds += this.#intake.refill(true);
      const next = this.#takeFromInbox();
      if (next !== undefined) return next;
    }
  }

  /**
   * acquire() that never blocks: a slot, null once a stop was requested, or undefined when no
   * slot is free now; then `await waitForSlot()` and try again. For a worker that also serves a
   * network connection and must keep its event loop.
   */
  tryAcquire(): SlotView | null | undefined {
    const slot = this.#take('tryAcquire');
    if (slot !== undefined) return slot;
    while (this.#intake.reading === undefined && this.#intake.refill(false) >= 0) {
      const next = this.#takeFromInbox();
      if (next !== undefined) return next;
    }
    return undefined;
  }

  /**
   * tryAcquire() that, when no slot is free, blocks for about a millisecond (two at most) before
   * it returns undefined: cheaper per wait than waitForSlot() when slots come free often.
   */
  acquireBriefly(): SlotView | null | undefined {
    const slot = this.#take('acquireBriefly');
    if (slot !== undefined || this.#intake.reading !== undefined) return slot;
    // An overwriting buffer never waits: it recycles its oldest event.
    if (this.#overwrite) return this.tryAcquire();
    this.#intake.refillBriefly();
    return this.#takeFromInbox();
  }

  /**
   * Resolves once a slot may be free (or a stop was requested): reads the `empty` pipe in libuv's
   * thread pool while the event loop runs. The time counts as waited, as in acquire().
   */
  waitForSlot(): Promise<void> {
    const intake = this.#intake;
    if (intake.reading !== undefined) return intake.reading;
    if (!intake.inbox.isEmpty || this.#closed) return Promise.resolve();
    // Closed while the read waited: the slots it took go back.
    return intake.waitAsync(() => {
      if (this.#closed) intake.returnUnused();
    });
  }

  /** The checks of acquire(), the paused scratch slot, then a slot from the inbox if there is one. */
  #take(method: string): SlotView | null | undefined {
    if (this.#current !== NONE)
      throw new BufferUsageError(`buffer '${this.buffer.name}': ${method}() twice without commit()`);
    if (this.#closed) throw new BufferUsageError(`buffer '${this.buffer.name}': ${method}() after close()`);
    this.lastWaitSeconds = 0;
    if (Atomics.load(this.#i32, this.#words.stop) !== 0) return this.#refuse();
    if (Atomics.load(this.#i32, this.#words.paused) !== 0) {
      this.#current = SCRATCH;
      return this.#scratch;
    }
    if (this.#intake.reading !== undefined) return undefined;
    return this.#takeFromInbox();
  }

  /** Claims the slot of the next usable token in the inbox; null after a wake-up for a stop. */
  #takeFromInbox(): SlotView | null | undefined {
    const { inbox, state } = this.#intake;
    const i32 = this.#i32;
    while (!inbox.isEmpty) {
      const token = inbox.peek();
      if (token === WAKE_TOKEN) {
        inbox.consume();
        if (Atomics.load(i32, this.#words.stop) !== 0) return this.#refuse();
        continue;
      }
      const slot = token & 0xffff;
      if (claimSlot(this.#file, slot, token >>> 16, state, SlotState.WRITING, this.#attachment)) {
        inbox.consume();
        if (state === SlotState.FILLED) addTo(this.#f64, this.#counters.overwritten);
        bumpSeq(this.#file, slot);
        this.#current = slot;
        return this.buffer.slotView(slot);
      }
      inbox.consume();
      addTo(this.#f64, this.#counters.stale);
    }
    return undefined;
  }

  #refuse(): null {
    if (Atomics.load(this.#i32, this.#words.forced) !== 0) addTo(this.#f64, this.#counters.dropped);
    return null;
  }

  /**
   * Hands the acquired slot on. Set the metadata first (slot.metadata). Its token is written to
   * `filled` at once only while a reader waits there (and no earlier token of this writer is on
   * its way to wake it); otherwise it is held in the file, where a reader takes it when it runs
   * out of events (held-commits.ts), until a later flush, a full hold, or the next blocking read
   * of this process. With `flush` false it is held even while a reader waits (for a process that
   * flushes a batch itself).
   */
  commit(flush = true): void {
    const slot = this.#current;
    this.#current = NONE;
    if (slot === SCRATCH) {
      addTo(this.#f64, this.#counters.discarded);
      return;
    }
    if (slot === NONE) throw new BufferUsageError(`buffer '${this.buffer.name}': commit() without acquire()`);
    const file = this.#file;
    bumpSeq(file, slot);
    if (Atomics.load(this.#i32, this.#words.forced) !== 0) {
      // Readers may have ended already: give the slot back and count the event as dropped.
      const gen = setSlotState(file, slot, SlotState.FREE);
      this.buffer.writeControlTokens('empty', [makeToken(slot, gen & TOKEN_GEN_MASK)]);
      clearOwner(file, slot, this.#attachment);
      addTo(this.#f64, this.#counters.dropped);
      return;
    }
    const gen = setSlotState(file, slot, SlotState.FILLED);
    Atomics.store(this.#i32, this.#words.last, slot);
    addTo(this.#f64, this.#counters.events);
    const held = this.#held;
    held.push(makeToken(slot, gen));
    if (held.isFull || (flush && held.isWanted)) held.flush();
  }

  /**
   * Counts `events` this writer committed as redelivered: a source that got them a second time
   * (e.g. from a stream, after another receiver died before acknowledging them).
   */
  countRedelivered(events: number): void {
    addTo(this.#f64, this.#file.stateF64(StateByte.REDELIVERED), events);
  }

  /** Writes the tokens of the commits this writer holds. */
  flush(): void {
    this.#held.flush();
  }

  /**
   * Hands back what this process still holds and closes its writer entry; the last writer to
   * close posts end of stream. Safe to call twice.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const file = this.#file;
    const returned: number[] = [];
    if (this.#current >= 0) {
      const gen = setSlotState(file, this.#current, SlotState.FREE);
      bumpSeq(file, this.#current);
      returned.push(makeToken(this.#current, gen));
    }
    this.#current = NONE;
    this.#held.flush();
    unregisterOutbox(this.#beforeBlocking);
    if (returned.length > 0) this.buffer.writeControlTokens('empty', returned);
    for (const token of returned) clearOwner(file, token & 0xffff, this.#attachment);
    if (this.#intake.reading === undefined) this.#intake.returnUnused();
    this.buffer.closeWriterEntry(this.#attachment);
  }
}
