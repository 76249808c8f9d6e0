import { SLOT_TABLE_ENTRY_BYTES, type BufferLayout } from './layout.js';
import { RingFile } from './ring-file.js';
import {
  AttachmentByte,
  AttachmentStatus,
  AttachmentWord,
  Role,
  SlotWord,
  StateByte,
  StateWord,
} from './shared-state.js';
import { makeSlotView, type SlotData } from './slot-view.js';
import { NO_TOKEN } from './token-pipe.js';

// A read-only look at a buffer file, for `mimocorb2 inspect` and scripts: the file is mapped
// PROT_READ, no token is taken and nothing is written, so looking never disturbs a running chain.

const SLOT_STATES = ['free', 'writing', 'filled', 'reading'] as const;
const ROLES = ['none', 'writer', 'reader'] as const;
const STATUSES = ['free', 'active', 'done', 'reclaimed'] as const;
const SEQLOCK_ATTEMPTS = 20;
const SEQLOCK_BACKOFF_MS = 1;
const TWO_32 = 2 ** 32;

export type SlotStateName = (typeof SLOT_STATES)[number];

/** A buffer file mapped read-only, with the layout its JSON description gives. */
export interface ReadOnlyBufferFile {
  readonly path: string;
  readonly layout: BufferLayout;
  /** The JSON description exactly as stored in the file. */
  readonly description: Readonly<Record<string, unknown>>;
  readonly map: Buffer;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly i64: BigInt64Array;
}

export interface ProcessEntrySnapshot {
  readonly index: number;
  readonly pid: number;
  readonly role: (typeof ROLES)[number] | 'unknown';
  readonly status: (typeof STATUSES)[number] | 'unknown';
  /** The pid names a running process (which, after a reboot or pid reuse, may be another one). */
  readonly isAlive: boolean;
  readonly events: number;
  readonly discarded: number;
  readonly overwritten: number;
  readonly waitedSeconds: number;
  readonly dropped: number;
  readonly staleTokens: number;
  /** Tokens read into the entry's inbox and not yet claimed. */
  readonly inboxTokens: number;
}

export interface SlotEntrySnapshot {
  readonly state: SlotStateName;
  readonly generation: number;
  /** Index of the process entry that holds the slot, -1 none. */
  readonly owner: number;
  readonly seq: number;
}

/** Everything in a buffer file except the slot contents, read at one moment. */
export interface BufferSnapshot {
  readonly path: string;
  readonly layout: BufferLayout;
  readonly description: Record<string, unknown>;
  readonly layoutVersion: number;
  readonly created: number;
  /** Seconds since the epoch when the stream ended, 0 while it has not. */
  readonly endedAt: number;
  readonly controlPid: number;
  readonly isControlAlive: boolean;
  readonly flags: {
    readonly paused: boolean;
    readonly stopRequested: boolean;
    readonly ended: boolean;
    readonly forcedEnd: boolean;
    readonly reclaiming: number;
  };
  readonly counters: {
    readonly written: number;
    readonly read: number;
    readonly discarded: number;
    readonly overwritten: number;
    readonly redelivered: number;
    readonly dropped: number;
    readonly undeliverable: number;
    readonly waitedSeconds: number;
    readonly staleTokens: number;
    readonly eventCounter: number;
  };
  readonly writers: { readonly open: number; readonly expected: number };
  readonly processes: readonly ProcessEntrySnapshot[];
  readonly slotCounts: Readonly<Record<SlotStateName, number>>;
  readonly slots: readonly SlotEntrySnapshot[];
  /** Index of the most recently committed slot, -1 before the first commit. */
  readonly lastCommitted: number;
}

export interface SlotMetadataCopy {
  readonly counter: number;
  readonly timestamp: number;
  readonly deadtime: number;
}

/** A copy of one slot taken under its seqlock; `seq` is the one the copy was taken at. */
export interface SlotCopy extends SlotEntrySnapshot {
  readonly index: number;
  /** False if every attempt found the slot being written (odd seq) or changed during the copy. */
  readonly isConsistent: boolean;
  readonly attempts: number;
  readonly metadata: SlotMetadataCopy;
  /** Typed arrays over a private copy of the slot, by field name. */
  readonly data: SlotData;
}

/** Maps a buffer file read-only after checking its magic, version, description and size. */
export function openBufferFileReadOnly(path: string): ReadOnlyBufferFile {
  return RingFile.open(path, { readOnly: true });
}

/** True if `pid` names a running process (EPERM: it runs, but as another user). */
export function isPidAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function stateWord(file: ReadOnlyBufferFile, word: number): number {
  return Atomics.load(file.i32, (file.layout.stateOffset >> 2) + word);
}

function stateF64(file: ReadOnlyBufferFile, byte: number): number {
  return file.f64[(file.layout.stateOffset + byte) >> 3] as number;
}

function readSlotEntry(file: ReadOnlyBufferFile, slot: number): SlotEntrySnapshot {
  const base = (file.layout.slotTableOffset + slot * SLOT_TABLE_ENTRY_BYTES) >> 2;
  const word = Atomics.load(file.i32, base + SlotWord.WORD);
  return {
    state: SLOT_STATES[word & 3] as SlotStateName,
    generation: word >>> 2,
    owner: Atomics.load(file.i32, base + SlotWord.OWNER),
    seq: Atomics.load(file.i32, base + SlotWord.SEQ) >>> 0,
  };
}

function readProcessEntry(file: ReadOnlyBufferFile, index: number): ProcessEntrySnapshot | null {
  const { layout, i32, f64 } = file;
  const base = layout.attachmentsOffset + index * layout.attachmentStride;
  const pid = Atomics.load(i32, (base >> 2) + AttachmentWord.PID);
  if (pid === 0) return null;
  const role = Atomics.load(i32, (base >> 2) + AttachmentWord.ROLE);
  const status = Atomics.load(i32, (base >> 2) + AttachmentWord.STATUS);
  const counter = (byte: number): number => f64[(base + byte) >> 3] as number;
  const inbox = (base + AttachmentByte.INBOX) >> 2;
  let inboxTokens = 0;
  for (let k = 0; k < layout.inboxCapacity; k++) {
    if (Atomics.load(i32, inbox + k) >>> 0 !== NO_TOKEN) inboxTokens++;
  }
  return {
    index,
    pid,
    role: ROLES[role] ?? 'unknown',
    status: STATUSES[status] ?? 'unknown',
    isAlive: isPidAlive(pid),
    events: counter(AttachmentByte.EVENTS),
    discarded: counter(AttachmentByte.DISCARDED),
    overwritten: counter(AttachmentByte.OVERWRITTEN),
    waitedSeconds: counter(AttachmentByte.WAITED_SECONDS),
    dropped: counter(AttachmentByte.DROPPED),
    staleTokens: counter(AttachmentByte.STALE_TOKENS),
    // An entry claimed but not yet initialised still holds zeros, which are not tokens either.
    inboxTokens: status === AttachmentStatus.FREE ? 0 : inboxTokens,
  };
}

/** Reads the state, process entries and slot table; sums the process counters like stats(). */
export function takeSnapshot(file: ReadOnlyBufferFile): BufferSnapshot {
  const { layout } = file;
  // Readers' counters first, writers' after: then a snapshot of a live buffer never shows more
  // events read than written.
  const processes: ProcessEntrySnapshot[] = [];
  for (const roleFirst of [true, false]) {
    for (let index = 0; index < layout.attachmentCount; index++) {
      const base = (layout.attachmentsOffset + index * layout.attachmentStride) >> 2;
      if ((Atomics.load(file.i32, base + AttachmentWord.ROLE) === Role.READER) !== roleFirst) continue;
      const entry = readProcessEntry(file, index);
      if (entry) processes.push(entry);
    }
  }
  processes.sort((a, b) => a.index - b.index);
  const sum = (pick: (p: ProcessEntrySnapshot) => number, role?: string): number =>
    processes.reduce((total, p) => (role === undefined || p.role === role ? total + pick(p) : total), 0);
  const slots: SlotEntrySnapshot[] = [];
  const slotCounts: Record<SlotStateName, number> = { free: 0, writing: 0, filled: 0, reading: 0 };
  for (let slot = 0; slot < layout.slotCount; slot++) {
    const entry = readSlotEntry(file, slot);
    slots.push(entry);
    slotCounts[entry.state]++;
  }
  const controlPid = stateWord(file, StateWord.CONTROL_PID);
  return {
    path: file.path,
    layout,
    description: file.description,
    layoutVersion: file.map.readUInt32LE(8),
    created: stateF64(file, StateByte.CREATED),
    endedAt: stateF64(file, StateByte.ENDED_AT),
    controlPid,
    isControlAlive: isPidAlive(controlPid),
    flags: {
      paused: stateWord(file, StateWord.PAUSED) !== 0,
      stopRequested: stateWord(file, StateWord.STOP_REQUESTED) !== 0,
      ended: stateWord(file, StateWord.ENDED) !== 0,
      forcedEnd: stateWord(file, StateWord.FORCED_END) !== 0,
      reclaiming: stateWord(file, StateWord.RECLAIMING),
    },
    counters: {
      written: sum((p) => p.events, 'writer'),
      read: sum((p) => p.events, 'reader'),
      discarded: sum((p) => p.discarded),
      overwritten: sum((p) => p.overwritten),
      redelivered: stateF64(file, StateByte.REDELIVERED),
      dropped: sum((p) => p.dropped),
      undeliverable: stateF64(file, StateByte.UNDELIVERABLE),
      waitedSeconds: sum((p) => p.waitedSeconds),
      staleTokens: sum((p) => p.staleTokens),
      eventCounter: Number(Atomics.load(file.i64, (layout.stateOffset + StateByte.EVENT_COUNTER) >> 3)),
    },
    writers: { open: stateWord(file, StateWord.OPEN_WRITERS), expected: layout.writers },
    processes,
    slotCounts,
    slots,
    lastCommitted: stateWord(file, StateWord.LAST_COMMITTED),
  };
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Copies slot `index` under its seqlock (docs/buffer-format.md, "Observers"): read seq, copy,
 * read seq again; retry while a writer fills it (odd seq) or it changed during the copy.
 */
export function copySlot(file: ReadOnlyBufferFile, index: number): SlotCopy {
  const { layout, i32, map } = file;
  if (!Number.isInteger(index) || index < 0 || index >= layout.slotCount) {
    throw new RangeError(`slot must be a whole number from 0 to ${layout.slotCount - 1}, got ${index}`);
  }
  const seqIndex = ((layout.slotTableOffset + index * SLOT_TABLE_ENTRY_BYTES) >> 2) + SlotWord.SEQ;
  const start = layout.slotsOffset + index * layout.slotSize;
  const bytes = new ArrayBuffer(layout.slotSize);
  const copy = new Uint8Array(bytes);
  let isConsistent = false;
  let attempts = 0;
  let seq = 0;
  while (!isConsistent && attempts < SEQLOCK_ATTEMPTS) {
    if (attempts > 0) Atomics.wait(sleepCell, 0, 0, SEQLOCK_BACKOFF_MS);
    attempts++;
    seq = Atomics.load(i32, seqIndex);
    copy.set(map.subarray(start, start + layout.slotSize));
    isConsistent = (seq & 1) === 0 && Atomics.load(i32, seqIndex) === seq;
  }
  const view = makeSlotView(layout, bytes, 0, index);
  const meta = new DataView(bytes);
  return {
    ...readSlotEntry(file, index),
    seq: seq >>> 0,
    index,
    isConsistent,
    attempts,
    metadata: {
      counter: meta.getUint32(0, true) + meta.getInt32(4, true) * TWO_32,
      timestamp: meta.getFloat64(8, true),
      deadtime: meta.getFloat64(16, true),
    },
    data: view.data,
  };
}
