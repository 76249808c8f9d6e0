import { writeTokens } from './token-pipe.js';

// Tokens a process has committed or released but not yet written to a pipe. Batching them saves
// syscalls, but they must all be on their way before this process blocks in a pipe read, or two
// processes could wait on each other. So every blocking read first calls flushAllOutboxes().

/** Something that holds tokens not yet written (a Writer's commits, a Reader's releases). */
export interface Outbox {
  flush(): void;
}

const outboxes: Outbox[] = [];

export function registerOutbox(outbox: Outbox): void {
  outboxes.push(outbox);
}

export function unregisterOutbox(outbox: Outbox): void {
  const index = outboxes.indexOf(outbox);
  if (index >= 0) outboxes.splice(index, 1);
}

/** Writes every pending token of this process. Called before any blocking pipe read. */
export function flushAllOutboxes(): void {
  for (let i = 0; i < outboxes.length; i++) (outboxes[i] as Outbox).flush();
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Blocks this thread for `ms` (a back-off, never a synchronisation). */
export function blockFor(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

/**
 * Tokens waiting to be written to one FIFO by one attachment. The slots stay owned by the
 * attachment until their tokens are in the pipe, so a crash in between is recoverable.
 */
export class TokenOutbox implements Outbox {
  readonly #fd: number;
  readonly #bytes: Buffer;
  readonly #tokens: Uint32Array;
  readonly #afterWrite: (slot: number) => void;
  /** Runs before the tokens are written, with their slots (a reader's slots it still holds). */
  beforeWrite: ((slots: Uint32Array, count: number) => void) | undefined;
  #count = 0;

  constructor(fd: number, capacity: number, afterWrite: (slot: number) => void) {
    this.#fd = fd;
    this.#bytes = Buffer.alloc(capacity * 4);
    this.#tokens = new Uint32Array(this.#bytes.buffer, this.#bytes.byteOffset, capacity);
    this.#afterWrite = afterWrite;
  }

  get isFull(): boolean {
    return this.#count === this.#tokens.length;
  }

  push(token: number): void {
    this.#tokens[this.#count++] = token;
  }

  flush(): void {
    const count = this.#count;
    if (count === 0) return;
    this.beforeWrite?.(this.#tokens, count);
    writeTokens(this.#fd, this.#bytes, 0, count);
    this.#count = 0;
    for (let k = 0; k < count; k++) this.#afterWrite((this.#tokens[k] as number) & 0xffff);
  }
}
