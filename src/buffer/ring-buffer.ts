import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { BufferConfigError, BufferUsageError } from '../errors.js';
import { readAgeBins } from './event-age.js';
import { entryTokenCount, type BufferLayout, type BufferSpec } from './layout.js';
import { bufferPaths, RingFile } from './ring-file.js';
import {
  AttachmentByte,
  AttachmentStatus,
  AttachmentWord,
  Role,
  SlotState,
  SlotWord,
  StateByte,
  StateWord,
} from './shared-state.js';
import { makeSlotView, type SlotView } from './slot-view.js';
import { isPidAlive } from './snapshot.js';
import {
  closeFd,
  END_TOKEN,
  makeFifos,
  makeToken,
  MAX_TOKENS_PER_SYSCALL,
  NO_TOKEN,
  openFifo,
  tryWriteTokens,
  WAKE_TOKEN,
} from './token-pipe.js';

/** Counters and flags of one buffer, summed over every process that used it. */
export interface BufferStats {
  readonly name: string;
  readonly slotCount: number;
  /** Events committed into slots (not counting those discarded while paused). */
  readonly written: number;
  /** Events taken by readers (a redelivered event counts again). */
  readonly read: number;
  readonly discarded: number;
  readonly overwritten: number;
  readonly redelivered: number;
  /** Writes refused because the buffer had been forced to end. */
  readonly dropped: number;
  /** Events control discarded because every reader of the buffer was gone. */
  readonly undeliverable: number;
  /** Seconds writers spent waiting for a free slot. */
  readonly waitedSeconds: number;
  readonly staleTokens: number;
  readonly free: number;
  readonly writing: number;
  readonly filled: number;
  readonly reading: number;
  readonly paused: boolean;
  readonly stopRequested: boolean;
  readonly ended: boolean;
  readonly openWriters: number;
  /** The readers' sampled event ages so far, per bin of AGE_BIN_EDGES (event-age.ts). */
  readonly ageBins: readonly number[];
}

/** A pipe's fds in this process, opened on first use. */
interface PipeFds {
  blocking: number;
  nonBlocking: number;
}

/**
 * One ring buffer: the mapped file and its two FIFOs. The process that creates it (control) keeps
 * both FIFOs open read-write for the whole run; every other process opens them by path.
 */
export class RingBuffer {
  readonly file: RingFile;
  readonly layout: BufferLayout;
  readonly paths: { readonly file: string; readonly empty: string; readonly filled: string };
  readonly #isOwner: boolean;
  readonly #views: (SlotView | undefined)[];
  #empty: PipeFds | undefined;
  #filled: PipeFds | undefined;
  #closed = false;

  private constructor(file: RingFile, isOwner: boolean) {
    this.file = file;
    this.layout = file.layout;
    this.paths = bufferPaths(dirname(file.path), file.layout.name);
    this.#isOwner = isOwner;
    this.#views = new Array<SlotView | undefined>(file.layout.slotCount);
  }

  /**
   * Creates the buffer in `dir`: file written full and mapped, FIFOs made, every slot's token put
   * on `empty`. On any failure nothing is left behind.
   */
  static create(dir: string, spec: BufferSpec): RingBuffer {
    const paths = bufferPaths(dir, spec.name);
    let buffer: RingBuffer | undefined;
    try {
      const file = RingFile.create(paths.file, spec);
      buffer = new RingBuffer(file, true);
      makeFifos(paths.empty, paths.filled);
      // A FIFO loses its tokens when its last fd closes: control holds both open for the whole run.
      buffer.pipe('filled');
      buffer.#fillEmpty();
      if (buffer.layout.writers === 0) buffer.#postEnd();
      return buffer;
    } catch (error) {
      buffer?.close();
      // Only once the file was made (exclusively) are these paths ours; else they may be a live buffer's.
      if (buffer !== undefined) for (const path of Object.values(paths)) rmSync(path, { force: true });
      throw error;
    }
  }

  /** Opens a buffer another process created, from its file path. */
  static open(path: string): RingBuffer {
    return new RingBuffer(RingFile.open(path), false);
  }

  get name(): string {
    return this.layout.name;
  }

  /** The views of slot `index`, made on first use. */
  slotView(index: number): SlotView {
    let view = this.#views[index];
    if (view === undefined) {
      const { map } = this.file;
      view = makeSlotView(this.layout, map.buffer, map.byteOffset + this.file.slotOffset(index), index);
      this.#views[index] = view;
    }
    return view;
  }

  /** fds of the `empty` or `filled` FIFO in this process. */
  pipe(which: 'empty' | 'filled'): PipeFds {
    const existing = which === 'empty' ? this.#empty : this.#filled;
    if (existing) return existing;
    const path = this.paths[which];
    const fds = { blocking: openFifo(path), nonBlocking: openFifo(path, true) };
    if (which === 'empty') this.#empty = fds;
    else this.#filled = fds;
    return fds;
  }

  /** Claims an attachment entry (one per process and role) whose inbox will hold its tokens. */
  attach(role: typeof Role.WRITER | typeof Role.READER): number {
    const { i32 } = this.file;
    for (let index = 0; index < this.layout.attachmentCount; index++) {
      const base = this.file.attachmentBase(index) >> 2;
      // The pid goes in first, so that control can find the entry of a process that dies here.
      if (Atomics.compareExchange(i32, base + AttachmentWord.PID, 0, process.pid) !== 0) continue;
      Atomics.store(i32, base + AttachmentWord.ROLE, role);
      const inbox = (this.file.attachmentBase(index) + AttachmentByte.INBOX) >> 2;
      this.file.u32.fill(NO_TOKEN, inbox, inbox + entryTokenCount(this.layout.inboxCapacity));
      Atomics.store(i32, base + AttachmentWord.STATUS, AttachmentStatus.ACTIVE);
      return index;
    }
    throw new BufferUsageError(
      `buffer '${this.name}': all ${this.layout.attachmentCount} process entries are taken; create it with a larger maxProcesses`,
    );
  }

  /**
   * Marks a writer entry done; the last one posts end of stream, unless `keepPlace` (a restarted
   * process will write in its place). Returns false if it was not active.
   */
  closeWriterEntry(index: number, status: number = AttachmentStatus.DONE, keepPlace = false): boolean {
    const statusWord = (this.file.attachmentBase(index) >> 2) + AttachmentWord.STATUS;
    if (
      Atomics.compareExchange(this.file.i32, statusWord, AttachmentStatus.ACTIVE, status) !==
      AttachmentStatus.ACTIVE
    ) {
      return false;
    }
    if (!keepPlace) this.#writerDone();
    return true;
  }

  /** Marks a reader entry done. */
  closeReaderEntry(index: number, status: number = AttachmentStatus.DONE): void {
    const statusWord = (this.file.attachmentBase(index) >> 2) + AttachmentWord.STATUS;
    Atomics.compareExchange(this.file.i32, statusWord, AttachmentStatus.ACTIVE, status);
  }

  /** Closes the writer place of a process that died before it registered, or will not be restarted. */
  abandonWriter(): void {
    this.#writerDone();
  }

  #writerDone(): void {
    const left = Atomics.sub(this.file.i32, this.file.stateWord(StateWord.OPEN_WRITERS), 1) - 1;
    if (left === 0) this.#postEnd();
  }

  /** Posts the end-of-stream sentinel, exactly once per buffer. */
  #postEnd(): void {
    const { i32, f64 } = this.file;
    if (Atomics.compareExchange(i32, this.file.stateWord(StateWord.ENDED), 0, 1) !== 0) return;
    f64[this.file.stateF64(StateByte.ENDED_AT)] = Date.now() / 1000;
    this.writeControlTokens('filled', [END_TOKEN]);
  }

  /** Writes tokens without ever blocking this process; throws if the FIFO is full. */
  writeControlTokens(which: 'empty' | 'filled', tokens: readonly number[]): void {
    const fd = this.pipe(which).nonBlocking;
    const chunk = Buffer.alloc(Math.min(tokens.length, MAX_TOKENS_PER_SYSCALL) * 4);
    for (let done = 0; done < tokens.length;) {
      const count = Math.min(MAX_TOKENS_PER_SYSCALL, tokens.length - done);
      for (let k = 0; k < count; k++) chunk.writeUInt32LE(tokens[done + k] as number, k * 4);
      const written = tryWriteTokens(fd, chunk, 0, count);
      if (written < count) {
        throw new BufferConfigError(
          `buffer '${this.name}': the '${which}' FIFO is full after ${done + written} tokens; this machine's pipes hold fewer tokens than slot_count ${this.layout.slotCount} (see /proc/sys/fs/pipe-user-pages-soft); lower slot_count`,
        );
      }
      done += count;
    }
  }

  #fillEmpty(): void {
    const tokens = Array.from({ length: this.layout.slotCount }, (_, slot) => makeToken(slot, 0));
    this.writeControlTokens('empty', tokens);
  }

  // ---- control's operations -------------------------------------------------------------

  /** While paused, writers fill a private scratch slot and the event is counted as discarded. */
  setPaused(paused: boolean): void {
    Atomics.store(this.file.i32, this.file.stateWord(StateWord.PAUSED), paused ? 1 : 0);
  }

  /** Asks writers to stop at their next event; writers blocked on a full buffer are woken. */
  requestStop(): void {
    const { i32 } = this.file;
    if (Atomics.exchange(i32, this.file.stateWord(StateWord.STOP_REQUESTED), 1) !== 0) return;
    const writers = Math.max(1, Atomics.load(i32, this.file.stateWord(StateWord.OPEN_WRITERS)));
    this.writeControlTokens('empty', new Array<number>(writers).fill(WAKE_TOKEN));
  }

  /** The last escalation: ends the stream while writers may live; later writes count as dropped. */
  forceEnd(): void {
    Atomics.store(this.file.i32, this.file.stateWord(StateWord.FORCED_END), 1);
    this.requestStop();
    this.#postEnd();
  }

  get isEnded(): boolean {
    return Atomics.load(this.file.i32, this.file.stateWord(StateWord.ENDED)) !== 0;
  }

  /**
   * Whether a process that attached to read this buffer still runs: once the stream has ended
   * and none does, whatever they made of its events (an exporter's files) is complete.
   */
  hasLiveReaders(): boolean {
    const { i32 } = this.file;
    for (let index = 0; index < this.layout.attachmentCount; index++) {
      const base = this.file.attachmentBase(index) >> 2;
      if (Atomics.load(i32, base + AttachmentWord.ROLE) !== Role.READER) continue;
      if (isPidAlive(Atomics.load(i32, base + AttachmentWord.PID))) return true;
    }
    return false;
  }

  /** Sums the counters of every attachment and counts slot states. */
  stats(): BufferStats {
    const { file, layout } = this;
    const { i32, f64 } = file;
    let written = 0;
    let read = 0;
    let discarded = 0;
    let overwritten = 0;
    let dropped = 0;
    let waitedSeconds = 0;
    let staleTokens = 0;
    // Readers' counters first, writers' after: on a live buffer `read` never exceeds `written`.
    for (const pass of [Role.READER, Role.WRITER])
      for (let index = 0; index < layout.attachmentCount; index++) {
        const base = file.attachmentBase(index);
        const role = Atomics.load(i32, (base >> 2) + AttachmentWord.ROLE);
        if (role !== pass) continue;
        const events = f64[(base + AttachmentByte.EVENTS) >> 3] as number;
        if (role === Role.WRITER) written += events;
        else read += events;
        discarded += f64[(base + AttachmentByte.DISCARDED) >> 3] as number;
        overwritten += f64[(base + AttachmentByte.OVERWRITTEN) >> 3] as number;
        dropped += f64[(base + AttachmentByte.DROPPED) >> 3] as number;
        waitedSeconds += f64[(base + AttachmentByte.WAITED_SECONDS) >> 3] as number;
        staleTokens += f64[(base + AttachmentByte.STALE_TOKENS) >> 3] as number;
      }
    const states = [0, 0, 0, 0];
    for (let slot = 0; slot < layout.slotCount; slot++) {
      const state = Atomics.load(i32, file.slotWord(slot, SlotWord.WORD)) & 3;
      states[state] = (states[state] as number) + 1;
    }
    const word = (w: number) => Atomics.load(i32, file.stateWord(w));
    return {
      name: layout.name,
      slotCount: layout.slotCount,
      written,
      read,
      discarded,
      overwritten,
      redelivered: f64[file.stateF64(StateByte.REDELIVERED)] as number,
      dropped,
      undeliverable: f64[file.stateF64(StateByte.UNDELIVERABLE)] as number,
      waitedSeconds,
      staleTokens,
      free: states[SlotState.FREE] as number,
      writing: states[SlotState.WRITING] as number,
      filled: states[SlotState.FILLED] as number,
      reading: states[SlotState.READING] as number,
      paused: word(StateWord.PAUSED) !== 0,
      stopRequested: word(StateWord.STOP_REQUESTED) !== 0,
      ended: word(StateWord.ENDED) !== 0,
      openWriters: word(StateWord.OPEN_WRITERS),
      ageBins: readAgeBins(file),
    };
  }

  /** Closes this process's fds. The mapping goes when it is garbage collected. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const fds of [this.#empty, this.#filled]) {
      if (!fds) continue;
      closeFd(fds.blocking);
      closeFd(fds.nonBlocking);
    }
  }

  /** Closes and deletes the file and FIFOs (the creator does this at the end of a run). */
  remove(): void {
    this.close();
    if (!this.#isOwner)
      throw new BufferUsageError(`buffer '${this.name}': only the process that created it removes it`);
    for (const path of Object.values(this.paths)) rmSync(path, { force: true });
  }
}
