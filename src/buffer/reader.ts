import { AgeSampler } from './event-age.js';
import { Inbox } from './inbox.js';
import { blockFor, flushAllOutboxes, registerOutbox, TokenOutbox, unregisterOutbox } from './outbox.js';
import type { RingBuffer } from './ring-buffer.js';
import type { RingFile } from './ring-file.js';
import { addTo, AttachmentByte, Role, SlotState, SlotWord, StateWord } from './shared-state.js';
import { claimSlot, clearOwner, setSlotState } from './slot-table.js';
import type { SlotView } from './slot-view.js';
import { END_TOKEN, makeToken } from './token-pipe.js';

const NONE = -1;
const MAX_BACKOFF_MS = 20;

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
  readonly #eventsIndex: number;
  readonly #staleIndex: number;
  readonly #age: AgeSampler;
  #current = NONE;
  #sawEnd = false;
  #ended = false;
  #backoffMs = 0;

  constructor(buffer: RingBuffer) {
    this.buffer = buffer;
    const file = buffer.file;
    this.#file = file;
    this.#filledFd = buffer.pipe('filled').blocking;
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
    registerOutbox(this.#outbox);
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
    const inbox = this.#inbox;
    const file = this.#file;
    for (;;) {
      while (!inbox.isEmpty) {
        const token = inbox.peek();
        if (token === END_TOKEN) {
          inbox.consume();
          this.#sawEnd = true;
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
      if (this.#sawEnd && this.#finishAtEnd()) return null;
      flushAllOutboxes();
      this.#inbox.fill(this.#filledFd);
    }
  }

  #release(): void {
    const slot = this.#current;
    this.#current = NONE;
    const gen = setSlotState(this.#file, slot, SlotState.FREE);
    this.#outbox.push(makeToken(slot, gen));
    if (this.#outbox.isFull) this.#outbox.flush();
  }

  /**
   * End of stream was seen and the inbox is empty. The sentinel goes back for the other readers;
   * this reader ends unless events may still come: slots filled or being read elsewhere (a reader
   * that dies hands its slot back), or a reclaim in progress.
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
    blockFor(this.#backoffMs);
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

  /** Gives back what this reader holds (its current slot, tokens not yet taken) and detaches. */
  close(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#current !== NONE) this.#release();
    this.#outbox.flush();
    unregisterOutbox(this.#outbox);
    const unread = this.#inbox.drain();
    if (this.#sawEnd) unread.push(END_TOKEN);
    if (unread.length > 0) this.buffer.writeControlTokens('filled', unread);
    this.buffer.closeReaderEntry(this.#attachment);
  }
}
