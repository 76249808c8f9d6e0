import type { RingBuffer } from './ring-buffer.js';
import { addTo, SlotState, SlotWord, StateByte } from './shared-state.js';
import { END_TOKEN, makeToken, MAX_TOKENS_PER_SYSCALL, readTokens, TOKEN_GEN_MASK } from './token-pipe.js';

/**
 * Control's last resort for a buffer whose every reader is gone: takes the events waiting on
 * `filled` without blocking, frees their slots (so writers go on) and counts them as
 * undeliverable. Stale tokens are dropped; the end-of-stream sentinel goes back. Returns the
 * number of events discarded.
 */
export function discardWaitingEvents(buffer: RingBuffer): number {
  const { file } = buffer;
  const { i32 } = file;
  const fd = buffer.pipe('filled').nonBlocking;
  const bytes = Buffer.alloc(MAX_TOKENS_PER_SYSCALL * 4);
  const freed: number[] = [];
  let sawEnd = false;
  for (let count = readTokens(fd, bytes, 0, MAX_TOKENS_PER_SYSCALL); count > 0;) {
    for (let k = 0; k < count; k++) {
      const token = bytes.readUInt32LE(k * 4);
      if (token === END_TOKEN) {
        sawEnd = true;
        continue;
      }
      const slot = token & 0xffff;
      if (slot >= file.layout.slotCount) continue;
      const index = file.slotWord(slot, SlotWord.WORD);
      const word = Atomics.load(i32, index);
      if ((word & 3) !== SlotState.FILLED || ((word >>> 2) & TOKEN_GEN_MASK) !== token >>> 16) continue;
      if (Atomics.compareExchange(i32, index, word, word - SlotState.FILLED + SlotState.FREE) !== word)
        continue;
      freed.push(makeToken(slot, word >>> 2));
    }
    count = freed.length >= file.layout.slotCount ? 0 : readTokens(fd, bytes, 0, MAX_TOKENS_PER_SYSCALL);
  }
  if (freed.length > 0) buffer.writeControlTokens('empty', freed);
  if (sawEnd) buffer.writeControlTokens('filled', [END_TOKEN]);
  addTo(file.f64, file.stateF64(StateByte.UNDELIVERABLE), freed.length);
  return freed.length;
}
