import type { RingBuffer } from './ring-buffer.js';
import {
  AttachmentByte,
  AttachmentStatus,
  AttachmentWord,
  NO_OWNER,
  ReaderCount,
  Role,
  SlotState,
  SlotWord,
  StateByte,
  StateWord,
  addTo,
} from './shared-state.js';
import { heldCount } from './held-commits.js';
import { entryTokenCount } from './layout.js';
import { END_TOKEN, makeToken, NO_TOKEN, TOKEN_GEN_MASK, WAKE_TOKEN } from './token-pipe.js';

/** What control did with a dead process's share of one buffer. */
export interface ReclaimReport {
  /** Slots put back on `empty`. */
  readonly freed: number;
  /** Events put back on `filled` (taken by the dead process, or committed but maybe not posted). */
  readonly refilled: number;
  /** Of those, events the dead reader had started to read (delivered again). */
  readonly redelivered: number;
  /** Writer entries closed for it (possibly ending the stream). */
  readonly writersClosed: number;
}

/**
 * Returns every slot a dead process held in this buffer and closes its entries
 * (docs/buffer-format.md, "Crash recovery"). `expectedWriter`: control started the process as a
 * writer of this buffer, so if it died before registering, its place among the writers is closed.
 * `keepWriterPlace`: a restarted process takes the place over, so the writer count stays and the
 * stream does not end. Only for processes that are really gone.
 */
export function reclaimDeadProcess(
  buffer: RingBuffer,
  pid: number,
  expectedWriter: boolean,
  keepWriterPlace = false,
): ReclaimReport {
  const { file, layout } = buffer;
  const { i32, u32, f64 } = file;
  const reclaimingWord = file.stateWord(StateWord.RECLAIMING);
  Atomics.add(i32, reclaimingWord, 1);
  const toEmpty = new Set<number>();
  const toFilled = new Set<number>();
  let redelivered = 0;
  let writersClosed = 0;
  let foundWriter = false;
  try {
    for (let entry = 0; entry < layout.attachmentCount; entry++) {
      const base = file.attachmentBase(entry) >> 2;
      if (Atomics.load(i32, base + AttachmentWord.PID) !== pid) continue;
      const role = Atomics.load(i32, base + AttachmentWord.ROLE);
      if (role === Role.WRITER) foundWriter = true;
      // Its held commits follow its inbox, found below; the counters let go of it.
      const heldOrSleeping = Atomics.exchange(i32, base + AttachmentWord.HELD, 0);
      if (role === Role.WRITER && heldCount(heldOrSleeping) > 0)
        Atomics.sub(i32, file.stateWord(StateWord.HOLDING_WRITERS), 1);
      if (role === Role.READER && heldOrSleeping === ReaderCount.SLEEPING)
        Atomics.sub(i32, file.stateWord(StateWord.SLEEPING_READERS), 1);
      if (role === Role.READER && heldOrSleeping === ReaderCount.PIPE)
        Atomics.sub(i32, file.stateWord(StateWord.PIPE_READERS), 1);

      const inbox = (file.attachmentBase(entry) + AttachmentByte.INBOX) >> 2;
      // A writer's held commits follow its inbox.
      const tokens = role === Role.WRITER ? entryTokenCount(layout.inboxCapacity) : layout.inboxCapacity;
      for (let k = 0; k < tokens; k++) {
        const token = u32[inbox + k] as number;
        u32[inbox + k] = NO_TOKEN;
        if (token === NO_TOKEN || token === WAKE_TOKEN || token === END_TOKEN) continue;
        const slot = token & 0xffff;
        if (slot >= layout.slotCount) continue;
        const word = Atomics.load(i32, file.slotWord(slot, SlotWord.WORD));
        if (((word >>> 2) & TOKEN_GEN_MASK) !== token >>> 16) continue; // stale
        if ((word & 3) === SlotState.FILLED) toFilled.add(slot);
        else if ((word & 3) === SlotState.FREE) toEmpty.add(slot);
      }

      for (let slot = 0; slot < layout.slotCount; slot++) {
        const ownerIndex = file.slotWord(slot, SlotWord.OWNER);
        if (Atomics.load(i32, ownerIndex) !== entry) continue;
        const wordIndex = file.slotWord(slot, SlotWord.WORD);
        const word = Atomics.load(i32, wordIndex);
        const gen = word >>> 2;
        switch (word & 3) {
          case SlotState.WRITING:
            Atomics.store(i32, wordIndex, (gen << 2) | SlotState.FREE);
            if ((Atomics.load(i32, file.slotWord(slot, SlotWord.SEQ)) & 1) !== 0)
              Atomics.add(i32, file.slotWord(slot, SlotWord.SEQ), 1);
            toEmpty.add(slot);
            break;
          case SlotState.READING:
            Atomics.store(i32, wordIndex, (gen << 2) | SlotState.FILLED);
            redelivered++;
            toFilled.add(slot);
            break;
          case SlotState.FILLED:
            toFilled.add(slot);
            break;
          default:
            toEmpty.add(slot);
        }
        Atomics.compareExchange(i32, ownerIndex, entry, NO_OWNER);
      }

      if (role === Role.WRITER) {
        if (buffer.closeWriterEntry(entry, AttachmentStatus.RECLAIMED, keepWriterPlace)) writersClosed++;
      } else {
        buffer.closeReaderEntry(entry, AttachmentStatus.RECLAIMED);
      }
    }

    const tokenFor = (slot: number) =>
      makeToken(slot, Atomics.load(i32, file.slotWord(slot, SlotWord.WORD)) >>> 2);
    if (toEmpty.size > 0) buffer.writeControlTokens('empty', [...toEmpty].map(tokenFor));
    if (toFilled.size > 0) buffer.writeControlTokens('filled', [...toFilled].map(tokenFor));
    addTo(f64, file.stateF64(StateByte.REDELIVERED), redelivered);

    if (expectedWriter && !foundWriter && !keepWriterPlace) {
      buffer.abandonWriter();
      writersClosed++;
    }
    // A dead reader may have taken the end-of-stream sentinel with it.
    if (buffer.isEnded) buffer.writeControlTokens('filled', [END_TOKEN]);
  } finally {
    Atomics.sub(i32, reclaimingWord, 1);
  }
  return { freed: toEmpty.size, refilled: toFilled.size, redelivered, writersClosed };
}
