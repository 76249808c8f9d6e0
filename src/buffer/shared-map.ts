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
