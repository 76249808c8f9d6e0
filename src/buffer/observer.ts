import type { BufferStats, RingBuffer } from './ring-buffer.js';
import { SlotWord, StateWord } from './shared-state.js';
import { makeSlotView, type SlotView } from './slot-view.js';

const ATTEMPTS = 16;

/**
 * Looks at a buffer without taking part in it: copies the most recently committed slot under
 * its seqlock, so it never delays, reorders or steals an event and never returns a torn record.
 */
export class Observer {
  readonly buffer: RingBuffer;
  readonly #copy: SlotView;
  readonly #copyBytes: Uint8Array;
  readonly #lastCommittedWord: number;
  readonly #endedWord: number;
  #lastSlot = -1;
  #lastSeq = -1;

  constructor(buffer: RingBuffer) {
    this.buffer = buffer;
    const { layout } = buffer;
    const bytes = new ArrayBuffer(layout.slotSize);
    this.#copy = makeSlotView(layout, bytes, 0, -1);
    this.#copyBytes = new Uint8Array(bytes);
    this.#lastCommittedWord = buffer.file.stateWord(StateWord.LAST_COMMITTED);
    this.#endedWord = buffer.file.stateWord(StateWord.ENDED);
  }

  /** The buffer's counters, slot states and flags now, summed over every process (the original's get_stats()). */
  stats(): BufferStats {
    return this.buffer.stats();
  }

  /** True once the observed buffer's stream has ended. */
  get isEnded(): boolean {
    return Atomics.load(this.buffer.file.i32, this.#endedWord) !== 0;
  }

  /**
   * A copy of the latest committed event if it was committed since the last call that returned
   * one, else null. The copy is overwritten by the next call: clone what you keep.
   */
  latest(): SlotView | null {
    const { file } = this.buffer;
    const { i32, map } = file;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const slot = Atomics.load(i32, this.#lastCommittedWord);
      if (slot < 0) return null;
      const seqIndex = file.slotWord(slot, SlotWord.SEQ);
      const before = Atomics.load(i32, seqIndex);
      if ((before & 1) !== 0) continue; // a writer is refilling it; a newer commit is coming
      if (slot === this.#lastSlot && before === this.#lastSeq) return null;
      const start = file.slotOffset(slot);
      this.#copyBytes.set(map.subarray(start, start + file.layout.slotSize));
      if (Atomics.load(i32, seqIndex) === before) {
        this.#lastSlot = slot;
        this.#lastSeq = before;
        return this.#copy;
      }
    }
    return null;
  }
}
