import type { RingFile } from './ring-file.js';
import { AttachmentByte } from './shared-state.js';
import { readTokensWithin } from './bounded-read.js';
import { NO_TOKEN, readTokens, readTokensAsync } from './token-pipe.js';

/**
 * A process's inbox inside the mapped file: tokens are read from a FIFO straight into it, so if
 * the process dies, control sees every token it had taken. An entry is cleared (NO_TOKEN) only
 * after the slot it names has been claimed in the slot table or the token dropped.
 */
export class Inbox {
  readonly #file: RingFile;
  readonly #byteOffset: number;
  readonly #first: number;
  readonly capacity: number;
  #pos = 0;
  #len = 0;

  constructor(file: RingFile, attachment: number) {
    this.#file = file;
    this.#byteOffset = file.attachmentBase(attachment) + AttachmentByte.INBOX;
    this.#first = this.#byteOffset >> 2;
    this.capacity = file.layout.inboxCapacity;
  }

  get isEmpty(): boolean {
    return this.#pos >= this.#len;
  }

  /** The next token (only when !isEmpty). */
  peek(): number {
    return this.#file.u32[this.#first + this.#pos] as number;
  }

  /** Clears the entry returned by peek(). */
  consume(): void {
    this.#file.u32[this.#first + this.#pos] = NO_TOKEN;
    this.#pos++;
  }

  /** Reads up to `max` tokens; blocks on a blocking fd. Only when empty. Returns the count. */
  fill(fd: number, max = this.capacity): number {
    this.#pos = 0;
    this.#len = readTokens(fd, this.#file.map, this.#byteOffset, max);
    return this.#len;
  }

  /**
   * fill() on a blocking fd that waits at most about two milliseconds (a WAKE token, written
   * through the non-blocking `wakeFd` of the same pipe, ends the wait; the caller skips it).
   */
  fillBriefly(fd: number, wakeFd: number, max = this.capacity): number {
    this.#pos = 0;
    this.#len = readTokensWithin(fd, wakeFd, this.#file.map, this.#byteOffset, max);
    return this.#len;
  }

  /** fill() on a blocking fd without blocking the event loop (the read waits in the thread pool). */
  async fillAsync(fd: number, max = this.capacity): Promise<number> {
    const count = await readTokensAsync(fd, this.#file.map, this.#byteOffset, max);
    this.#pos = 0;
    this.#len = count;
    return count;
  }

  // Taking tokens from another process's part of the file (held-commits.ts), with the inbox empty:
  // place() copies a batch in (maybe again, when the other side changed meanwhile), placed() ends.
  #placedEnd = 0;

  hasRoomFor(count: number): boolean {
    return count <= this.capacity;
  }

  /** Copies `count` tokens from the file's u32 word `from` on to entries `at`.. of this inbox. */
  place(at: number, from: number, count: number): void {
    this.#file.u32.copyWithin(this.#first + at, from, from + count);
    this.#placedEnd = Math.max(this.#placedEnd, at + count);
  }

  placedToken(index: number): number {
    return this.#file.u32[this.#first + index] as number;
  }

  /** The first `count` placed tokens are this inbox's now; copies beyond them are cleared. */
  placed(count: number): number {
    if (this.#placedEnd > count)
      this.#file.u32.fill(NO_TOKEN, this.#first + count, this.#first + this.#placedEnd);
    this.#placedEnd = 0;
    this.#pos = 0;
    this.#len = count;
    return count;
  }

  /** Takes every token not yet consumed (to hand them back on close). */
  drain(): number[] {
    const tokens: number[] = [];
    while (!this.isEmpty) {
      tokens.push(this.peek());
      this.consume();
    }
    return tokens;
  }
}
