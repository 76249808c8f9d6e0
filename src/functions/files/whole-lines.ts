import { closeSync, fstatSync, ftruncateSync, openSync, readSync } from 'node:fs';

const NEWLINE = 0x0a;
const CHUNK_BYTES = 65_536;

/** The length of the file open at `fd` up to and including its last newline (0 when it has none). */
export function wholeLinesLength(fd: number): number {
  let end = fstatSync(fd).size;
  const chunk = Buffer.alloc(CHUNK_BYTES);
  while (end > 0) {
    const start = Math.max(0, end - CHUNK_BYTES);
    const count = readSync(fd, chunk, 0, end - start, start);
    const at = chunk.subarray(0, count).lastIndexOf(NEWLINE);
    if (at >= 0) return start + at + 1;
    end = start;
  }
  return 0;
}

/**
 * Cuts a partial last line off a file of lines (a CSV whose writer was killed in the middle of a
 * write), so that it parses. Returns the bytes cut; 0 also when the file does not exist.
 */
export function cutPartialLastLine(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    const whole = wholeLinesLength(fd);
    if (whole < size) ftruncateSync(fd, whole);
    return size - whole;
  } finally {
    closeSync(fd);
  }
}
