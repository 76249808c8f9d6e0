import type { RingFile } from './ring-file.js';
import { NO_OWNER, SlotState, SlotWord } from './shared-state.js';
import { TOKEN_GEN_MASK } from './token-pipe.js';

// A slot word is (generation << 2) | state. A writer bumps the generation when it claims a free
// slot, so a token that names an older generation is stale and is dropped, wherever it comes from.

const GEN_MASK_30 = 0x3fffffff;

/**
 * Moves a slot from `from` to `to` if its state is `from` and its generation matches the token's;
 * sets `owner`. Returns false for a stale or already claimed token.
 */
export function claimSlot(
  file: RingFile,
  slot: number,
  tokenGen: number,
  from: number,
  to: number,
  owner: number,
): boolean {
  if (slot >= file.layout.slotCount) return false;
  const { i32 } = file;
  const index = file.slotWord(slot, SlotWord.WORD);
  const word = Atomics.load(i32, index);
  if ((word & 3) !== from || ((word >>> 2) & TOKEN_GEN_MASK) !== tokenGen) return false;
  const gen = to === SlotState.WRITING ? ((word >>> 2) + 1) & GEN_MASK_30 : word >>> 2;
  if (Atomics.compareExchange(i32, index, word, (gen << 2) | to) !== word) return false;
  Atomics.store(i32, index + SlotWord.OWNER, owner);
  return true;
}

/** Sets the state of a slot this process owns; returns its generation (for the token). */
export function setSlotState(file: RingFile, slot: number, state: number): number {
  const index = file.slotWord(slot, SlotWord.WORD);
  const gen = Atomics.load(file.i32, index) >>> 2;
  Atomics.store(file.i32, index, (gen << 2) | state);
  return gen;
}

/** The generation of a slot this process owns (for its token). */
export function slotGeneration(file: RingFile, slot: number): number {
  return Atomics.load(file.i32, file.slotWord(slot, SlotWord.WORD)) >>> 2;
}

/** Gives up ownership once the slot's token is in a pipe (unless somebody else owns it by now). */
export function clearOwner(file: RingFile, slot: number, owner: number): void {
  Atomics.compareExchange(file.i32, file.slotWord(slot, SlotWord.OWNER), owner, NO_OWNER);
}

/** Bumps the slot's seqlock counter: odd while a writer fills it, even when committed. */
export function bumpSeq(file: RingFile, slot: number): void {
  Atomics.add(file.i32, file.slotWord(slot, SlotWord.SEQ), 1);
}
