import type { Inbox } from './inbox.js';
import type { Outbox } from './outbox.js';
import type { RingFile } from './ring-file.js';
import { AttachmentByte, AttachmentWord, Role, SlotState, SlotWord, StateWord } from './shared-state.js';
import { clearOwner } from './slot-table.js';
import { NO_TOKEN, TOKEN_GEN_MASK, writeTokens } from './token-pipe.js';

// A writer's commits that are not yet in the `filled` pipe wait in the held area of its process
// entry in the file (after its inbox), counted by the entry's `held` word. While every reader is
// busy the writer holds them and pays no system call; a reader whose inbox runs empty takes them
// from there (steal) instead of reading the pipe, and one that is about to block in a read first
// says so (`sleeping_readers`), so that writers then write at once. Both sides act on the counters with
// sequentially consistent Atomics in the opposite order (push, then look for sleepers; sleep,
// then look for holders), so a commit is never left held while every reader sleeps.
//
// `held` is (batch << 9) | count: the writer starts a new batch number whenever it holds again
// after its tokens left, so a reader that copied an older batch fails its compare-and-swap.
//
// Order: a reader sees one writer's events in commit order. So it takes a writer's held batch
// only once the writer's last token written to `filled` (`last_piped`, stored before the write)
// has been claimed: `filled` is first in, first out, so then every earlier token of that writer
// was read, and, the stealing reader's inbox being empty, claimed too (or is in another reader's
// inbox, where order across readers is not promised anyway). A writer starts its next batch only
// after a flush returned, so a reader that saw the batch and then `last_piped` sees the right one.

/** Up to MAX_INBOX_TOKENS (256) held tokens; the batch number takes the other 22 bits. */
const COUNT_BITS = 9;
const COUNT_MASK = (1 << COUNT_BITS) - 1;

/** The number of tokens a `held` word says are held. */
export function heldCount(held: number): number {
  return held & COUNT_MASK;
}
const BATCH_MASK = (1 << (31 - COUNT_BITS)) - 1;

/** A writer's committed tokens, held in the file where readers can take them. */
export class HeldCommits implements Outbox {
  readonly capacity: number;
  readonly #file: RingFile;
  readonly #attachment: number;
  readonly #fd: number;
  /** Int32 index of the entry's `held` word, and of the first held token. */
  readonly #heldWord: number;
  readonly #lastPipedWord: number;
  readonly #first: number;
  readonly #byteOffset: number;
  readonly #holdingWord: number;
  readonly #sleepingWord: number;
  readonly #pipeReadersWord: number;
  /** What this writer last stored in `held`; a reader may have taken the tokens since. */
  #held = 0;

  constructor(file: RingFile, attachment: number, fd: number) {
    const { inboxCapacity } = file.layout;
    this.capacity = inboxCapacity;
    this.#file = file;
    this.#attachment = attachment;
    this.#fd = fd;
    const base = file.attachmentBase(attachment);
    this.#heldWord = (base >> 2) + AttachmentWord.HELD;
    this.#lastPipedWord = (base + AttachmentByte.LAST_PIPED) >> 2;
    file.u32[this.#lastPipedWord] = NO_TOKEN;
    this.#byteOffset = base + AttachmentByte.INBOX + inboxCapacity * 4;
    this.#first = this.#byteOffset >> 2;
    this.#holdingWord = file.stateWord(StateWord.HOLDING_WRITERS);
    this.#sleepingWord = file.stateWord(StateWord.SLEEPING_READERS);
    this.#pipeReadersWord = file.stateWord(StateWord.PIPE_READERS);
  }

  /**
   * Whether a commit should be written now rather than held: a reader that never takes held
   * commits is attached, or one sleeps and no earlier token of this writer is on its way to wake
   * it (that reader runs anyway, and looks for held commits before it sleeps again).
   */
  get isWanted(): boolean {
    const { i32 } = this.#file;
    if (Atomics.load(i32, this.#pipeReadersWord) > 0) return true;
    if (Atomics.load(i32, this.#sleepingWord) === 0) return false;
    return !isWaitingInFilled(this.#file, Atomics.load(i32, this.#lastPipedWord) >>> 0);
  }

  /** Before this process blocks: whether a reader can only get held commits through the pipe. */
  get isNeededBeforeBlocking(): boolean {
    const { i32 } = this.#file;
    return Atomics.load(i32, this.#pipeReadersWord) > 0 || Atomics.load(i32, this.#sleepingWord) > 0;
  }

  /** Holds one committed token (flush() when isFull). */
  push(token: number): void {
    const { i32, u32 } = this.#file;
    const held = this.#held;
    const count = held & COUNT_MASK;
    if (count > 0) {
      u32[this.#first + count] = token;
      if (Atomics.compareExchange(i32, this.#heldWord, held, held + 1) === held) {
        this.#held = held + 1;
        return;
      }
      this.#clear(count + 1); // a reader took them all meanwhile
    }
    // Counted as holding before the token is visible, so no reader can take it uncounted.
    Atomics.add(i32, this.#holdingWord, 1);
    u32[this.#first] = token;
    const batch = ((held >>> COUNT_BITS) + 1) & BATCH_MASK;
    this.#held = (batch << COUNT_BITS) | 1;
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
    const { i32, u32 } = this.#file;
    if (Atomics.compareExchange(i32, this.#heldWord, held, this.#held) === held) {
      Atomics.store(i32, this.#lastPipedWord, i32[this.#first + count - 1] as number);
      writeTokens(this.#fd, this.#file.map, this.#byteOffset, count);
      Atomics.sub(i32, this.#holdingWord, 1);
      for (let k = 0; k < count; k++)
        clearOwner(this.#file, (u32[this.#first + k] as number) & 0xffff, this.#attachment);
    }
    this.#clear(count);
  }

  /**
   * Clears the tokens that have left (written, or taken by a reader), so that control, looking at
   * the held area after this process ended, does not post them a second time.
   */
  #clear(count: number): void {
    this.#file.u32.fill(NO_TOKEN, this.#first, this.#first + count);
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
  const capacity = layout.inboxCapacity;
  let taken = 0;
  // Entries are taken in order and never reused within a run: the first free one ends the list.
  for (let entry = 0; entry < layout.attachmentCount; entry++) {
    const base = file.attachmentBase(entry);
    const word = base >> 2;
    if (Atomics.load(i32, word + AttachmentWord.PID) === 0) break;
    if (Atomics.load(i32, word + AttachmentWord.ROLE) !== Role.WRITER) continue;
    const heldWord = word + AttachmentWord.HELD;
    const lastPipedWord = (base + AttachmentByte.LAST_PIPED) >> 2;
    const first = ((base + AttachmentByte.INBOX) >> 2) + capacity;
    for (;;) {
      const held = Atomics.load(i32, heldWord);
      const count = held & COUNT_MASK;
      if (count === 0 || count > capacity) break;
      // Its earlier tokens come first (see the top of this file).
      if (isWaitingInFilled(file, Atomics.load(i32, lastPipedWord) >>> 0)) break;
      if (!inbox.hasRoomFor(taken + count)) return inbox.placed(taken);
      inbox.place(taken, first, count);
      // Fails when the writer held one more, flushed, or began a new batch: look again.
      if (Atomics.compareExchange(i32, heldWord, held, held & ~COUNT_MASK) !== held) continue;
      Atomics.sub(i32, file.stateWord(StateWord.HOLDING_WRITERS), 1);
      for (let k = 0; k < count; k++) clearOwner(file, inbox.placedToken(taken + k) & 0xffff, entry);
      taken += count;
      break;
    }
  }
  return inbox.placed(taken);
}

/** Whether the slot of `token` is still filled with the token's generation (nobody claimed it). */
function isWaitingInFilled(file: RingFile, token: number): boolean {
  if (token === NO_TOKEN) return false;
  const word = Atomics.load(file.i32, file.slotWord(token & 0xffff, SlotWord.WORD));
  return (word & 3) === SlotState.FILLED && ((word >>> 2) & TOKEN_GEN_MASK) === token >>> 16;
}
