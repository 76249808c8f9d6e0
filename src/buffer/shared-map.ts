import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';

interface MmapIo {
  map(size: number, protection: number, flags: number, fd: number, offset?: number): Buffer;
  readonly PROT_READ: number;
  readonly PROT_WRITE: number;
  readonly MAP_SHARED: number;
}
// mmap-io is CommonJS and its typings claim a default export; load it as what it is.
const mmap = createRequire(import.meta.url)('mmap-io') as MmapIo;

/** Maps the first `size` bytes of the open file `fd` shared (MAP_SHARED), read-write or read-only. */
export function mapShared(fd: number, size: number, readOnly = false): Buffer {
  const protection = readOnly ? mmap.PROT_READ : mmap.PROT_READ | mmap.PROT_WRITE;
  return mmap.map(size, protection, mmap.MAP_SHARED, fd);
}

const ZERO_CHUNK_BYTES = 1 << 20;

/** Writes `size` zero bytes at the start of the open file `fd`: a file to map that is never sparse. */
export function writeZeros(fd: number, size: number): void {
  const zeros = Buffer.alloc(Math.min(ZERO_CHUNK_BYTES, size));
  for (let done = 0; done < size;) done += writeSync(fd, zeros, 0, Math.min(zeros.length, size - done), done);
}
