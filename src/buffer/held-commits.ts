import type { Inbox } from './inbox.js';
import type { Outbox } from './outbox.js';
import type { RingFile } from './ring-file.js';
import { AttachmentByte, AttachmentWord, Role, StateWord } from './shared-state.js';
import { clearOwner } from './slot-table.js';
import { writeTokens } from './token-pipe.js';

// A writer's commits that are not yet in the `filled` pipe wait in the upper part of its inbox
// area in the file, counted by the entry's `held` word. While every reader is busy the writer
// holds them and pays no system call; a reader whose inbox runs empty takes them from there
// (steal) instead of reading the pipe, and one that is about to block in a read first says so
// (`sleeping_readers`), so that writers then write at once. Both sides act on the counters with
// sequentially consistent Atomics in the opposite order (push, then look for sleepers; sleep,
// then look for holders), so a commit is never left held while every reader sleeps.
//
// `held` is (batch << 8) | count: the writer starts a new batch number whenever it holds again
// after its tokens left, so a reader that copied an older batch fails its compare-and-swap.
//
// Order: a reader sees one writer's events in commit order. So it takes a writer's held batch
// only while none of that writer's earlier tokens waits in `filled` or in an inbox: `piped`
// counts the tokens the writer wrote there (added before the write), and the claim of a slot
// that the writer still owns counts one off (slot-table.ts). A writer that flushed starts its
// next batch only after that flush, so a reader that saw the batch and then `piped` at 0 knows
// the earlier tokens were all claimed.

/** Tokens a writer may hold: the upper half of its inbox area (the lower half takes free slots). */
export function heldCapacity(inboxCapacity: number): number {
  return Math.floor(inboxCapacity / 2);
}

const COUNT_MASK = 0xff;
const BATCH_MASK = 0x7fffff;

/** A writer's committed tokens, held in the file where readers can take them. */
export class HeldCommits implements Outbox {
  readonly capacity: number;
  readonly #file: RingFile;
  readonly #fd: number;
  /** Int32 index of the entry's `held` word, and of the first held token. */
  readonly #heldWord: number;
  readonly #pipedWord: number;
  readonly #first: number;
  readonly #byteOffset: number;
  readonly #holdingWord: number;
  readonly #sleepingWord: number;
  /** For a buffer too small to hold commits (inbox_capacity 1): each token is written alone. */
  readonly #single = Buffer.alloc(4);
  /** What this writer last stored in `held`; a reader may have taken the tokens since. */
  #held = 0;

  constructor(file: RingFile, attachment: number, fd: number) {
    const { inboxCapacity } = file.layout;
    this.capacity = heldCapacity(inboxCapacity);
    this.#file = file;
    this.#fd = fd;
    const base = file.attachmentBase(attachment);
    this.#heldWord = (base >> 2) + AttachmentWord.HELD;
    this.#pipedWord = (base + AttachmentByte.PIPED) >> 2;
    this.#byteOffset = base + AttachmentByte.INBOX + (inboxCapacity - this.capacity) * 4;
    this.#first = this.#byteOffset >> 2;
    this.#holdingWord = file.stateWord(StateWord.HOLDING_WRITERS);
    this.#sleepingWord = file.stateWord(StateWord.SLEEPING_READERS);
  }

  /** True while some reader of the buffer is blocked in a read (or cannot take held commits). */
  get isReaderSleeping(): boolean {
    return Atomics.load(this.#file.i32, this.#sleepingWord) > 0;
  }

  /** Holds one committed token (or writes it at once when this writer has no room to hold). */
  push(token: number): void {
    if (this.capacity === 0) {
      this.#write(token);
      return;
    }
    const { i32, u32 } = this.#file;
    const held = this.#held;
    const count = held & COUNT_MASK;
    if (count > 0) {
      u32[this.#first + count] = token;
      if (Atomics.compareExchange(i32, this.#heldWord, held, held + 1) === held) {
        this.#held = held + 1;
        return;
      }
      // A reader took them all meanwhile.
    }
    // Counted as holding before the token is visible, so no reader can take it uncounted.
    Atomics.add(i32, this.#holdingWord, 1);
    u32[this.#first] = token;
    const batch = ((held >>> 8) + 1) & BATCH_MASK;
    this.#held = (batch << 8) | 1;
    Atomics.store(i32, this.#heldWord, this.#held);
  }

  get isFull(): boolean {
    return (this.#held & COUNT_MASK) >= this.capacity;
  }

  /** Writes every held token to `filled` (unless a reader has taken them). */
  flush(): void {
    const held = this.#held;
    const count = held & COUNT_MASK;
    if (count === 0) return;
    this.#held = held & ~COUNT_MASK;
    const { i32 } = this.#file;
    if (Atomics.compareExchange(i32, this.#heldWord, held, this.#held) !== held) return; // taken
    // The slots stay this writer's until a reader claims them (that counts `piped` down again).
    Atomics.add(i32, this.#pipedWord, count);
    writeTokens(this.#fd, this.#file.map, this.#byteOffset, count);
    Atomics.sub(i32, this.#holdingWord, 1);
  }

  #write(token: number): void {
    this.#single.writeUInt32LE(token, 0);
    Atomics.add(this.#file.i32, this.#pipedWord, 1);
    writeTokens(this.#fd, this.#single, 0, 1);
  }
}

/**
 * Moves the commits that writers hold into `inbox` (empty), as many as fit; returns how many.
 * The tokens are in the inbox before the writer's `held` word lets go of them, so a crash in
 * between leaves a second copy at worst, which the claim drops as stale.
 */
export function stealHeldCommits(file: RingFile, inbox: Inbox): number {
  const { i32, layout } = file;
  if (Atomics.load(i32, file.stateWord(StateWord.HOLDING_WRITERS)) <= 0) return 0;
  const capacity = heldCapacity(layout.inboxCapacity);
  const skip = layout.inboxCapacity - capacity;
  let taken = 0;
  // Entries are taken in order and never reused within a run: the first free one ends the list.
  for (let entry = 0; entry < layout.attachmentCount; entry++) {
    const base = file.attachmentBase(entry);
    const word = base >> 2;
    if (Atomics.load(i32, word + AttachmentWord.PID) === 0) break;
    if (Atomics.load(i32, word + AttachmentWord.ROLE) !== Role.WRITER) continue;
    const heldWord = word + AttachmentWord.HELD;
    const pipedWord = (base + AttachmentByte.PIPED) >> 2;
    const first = ((base + AttachmentByte.INBOX) >> 2) + skip;
    for (;;) {
      const held = Atomics.load(i32, heldWord);
      const count = held & COUNT_MASK;
      if (count === 0 || count > capacity) break;
      // Its earlier tokens come first (see the top of this file).
      if (Atomics.load(i32, pipedWord) > 0) break;
      if (!inbox.hasRoomFor(taken + count)) return inbox.placed(taken);
      inbox.place(taken, first, count);
      // Fails when the writer held one more, flushed, or began a new batch: look again.
      if (Atomics.compareExchange(i32, heldWord, held, held & ~COUNT_MASK) !== held) continue;
      Atomics.sub(i32, file.stateWord(StateWord.HOLDING_WRITERS), 1);
      // Not through the pipe: the claim must not count them off `piped`.
      for (let k = 0; k < count; k++) clearOwner(file, inbox.placedToken(taken + k) & 0xffff, entry);
      taken += count;
      break;
    }
  }
  return inbox.placed(taken);
}
