// Word positions inside a buffer file's shared regions (docs/buffer-format.md). Every cross-process
// access to these goes through Atomics, except the per-attachment Float64 counters, which have one
// writer each and are only read for statistics.

/** Int32 words of the state region, counted from its start. */
export const StateWord = {
  PAUSED: 0,
  STOP_REQUESTED: 1,
  ENDED: 2,
  OPEN_WRITERS: 3,
  LAST_COMMITTED: 4,
  RECLAIMING: 5,
  CONTROL_PID: 6,
  FORCED_END: 7,
  /** Readers blocked in a read of `filled` now (held-commits.ts). */
  SLEEPING_READERS: 8,
  /** Writers whose `held` count may be above 0 (held-commits.ts). */
  HOLDING_WRITERS: 9,
  /** Readers attached that never take held commits (the Python runtime's): writers write at once. */
  PIPE_READERS: 10,
} as const;

/** Byte offsets of the 8-byte values of the state region. */
export const StateByte = {
  EVENT_COUNTER: 64,
  REDELIVERED: 72,
  CREATED: 80,
  ENDED_AT: 88,
  UNDELIVERABLE: 96,
} as const;

/** Int32 words of an attachment entry. */
export const AttachmentWord = {
  PID: 0,
  ROLE: 1,
  STATUS: 2,
  /** Writer: (batch << 9) | commits held in its held area (held-commits.ts). */
  HELD: 3,
  /** Reader: 1 while it counts itself in `sleeping_readers`, 2 while in `pipe_readers`. */
  SLEEPING: 3,
} as const;

/** Byte offsets of the Float64 counters of an attachment entry. */
export const AttachmentByte = {
  EVENTS: 16,
  DISCARDED: 24,
  OVERWRITTEN: 32,
  WAITED_SECONDS: 40,
  DROPPED: 48,
  STALE_TOKENS: 56,
  /** u32 × 16, a reader's sampled event ages (event-age.ts). */
  AGE_BINS: 64,
  /** u32, a writer's last token written to `filled` (held-commits.ts); NO_TOKEN before the first. */
  LAST_PIPED: 64,
  INBOX: 128,
} as const;

export const Role = { NONE: 0, WRITER: 1, READER: 2 } as const;

/** A reader's SLEEPING word: which state count it is in (the Python runtime's readers: PIPE). */
export const ReaderCount = { NONE: 0, SLEEPING: 1, PIPE: 2 } as const;
export const AttachmentStatus = { FREE: 0, ACTIVE: 1, DONE: 2, RECLAIMED: 3 } as const;

/** Int32 words of a slot-table entry. */
export const SlotWord = { WORD: 0, OWNER: 1, SEQ: 2 } as const;

/** Slot states, in the low two bits of the slot word; the generation is in the upper 30. */
export const SlotState = { FREE: 0, WRITING: 1, FILLED: 2, READING: 3 } as const;

export const NO_OWNER = -1;

/** Adds to a Float64 counter that only this process writes. */
export function addTo(f64: Float64Array, index: number, value = 1): void {
  f64[index] = (f64[index] as number) + value;
}
