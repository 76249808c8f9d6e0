import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, read, readSync, writeSync } from 'node:fs';

// A token is a 4-byte little-endian word: the slot index in bits 0-15 and the slot's generation
// (mod 2^15) in bits 16-30. Words with bit 31 set are control tokens.
export const END_TOKEN = 0xffffffff;
export const WAKE_TOKEN = 0xfffffffe;
/** Marks an inbox entry that holds no token; never sent through a pipe. */
export const NO_TOKEN = 0xfffffffd;
export const TOKEN_GEN_MASK = 0x7fff;
/** Tokens per read or write: 4096 bytes is PIPE_BUF, the most the kernel moves atomically. */
export const MAX_TOKENS_PER_SYSCALL = 1024;

export function makeToken(slot: number, generation: number): number {
  return (slot | ((generation & TOKEN_GEN_MASK) << 16)) >>> 0;
}

/** Creates a FIFO (Node has no mkfifo of its own). */
export function makeFifos(...paths: string[]): void {
  execFileSync('mkfifo', ['-m', '600', ...paths], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Opens a FIFO read-write, so that opening never blocks and reads never see EOF. Each process
 * opens by path: O_NONBLOCK is per open file description, so a non-blocking fd here never turns
 * another process's reads into EAGAIN.
 */
export function openFifo(path: string, nonBlocking = false): number {
  return openSync(path, constants.O_RDWR | (nonBlocking ? constants.O_NONBLOCK : 0));
}

export function closeFd(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}

/**
 * Reads up to `maxTokens` tokens straight into `target` at `byteOffset`. Blocks on a blocking fd
 * until at least one token is there; on a non-blocking fd returns 0 when the pipe is empty.
 */
export function readTokens(fd: number, target: Buffer, byteOffset: number, maxTokens: number): number {
  let bytes: number;
  try {
    bytes = readSync(fd, target, byteOffset, maxTokens * 4, null);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return 0;
    throw error;
  }
  return bytes >>> 2;
}

/**
 * Reads like readTokens on a blocking fd, but in libuv's thread pool: the event loop of this
 * process runs on while it waits (for workers that also serve a network connection).
 */
export function readTokensAsync(
  fd: number,
  target: Buffer,
  byteOffset: number,
  maxTokens: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, target, byteOffset, maxTokens * 4, null, (error, bytes) => {
      if (error === null) resolve(bytes >>> 2);
      else reject(error);
    });
  });
}

/** Writes `count` tokens from `source` in one atomic write (count <= MAX_TOKENS_PER_SYSCALL). */
export function writeTokens(fd: number, source: Buffer, byteOffset: number, count: number): void {
  const bytes = count * 4;
  let written = 0;
  while (written < bytes) written += writeSync(fd, source, byteOffset + written, bytes - written);
}

/** Writes tokens on a non-blocking fd; returns how many fitted (a full pipe stops the loop). */
export function tryWriteTokens(fd: number, source: Buffer, byteOffset: number, count: number): number {
  try {
    return writeSync(fd, source, byteOffset, count * 4) >>> 2;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return 0;
    throw error;
  }
}
