import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { BufferLayout } from '../../buffer/index.js';
import { MimoFileError } from '../../errors.js';
import {
  MIMO_PREAMBLE_BYTES,
  parseMimoHeader,
  parseMimoPreamble,
  recordLayout,
  wholeRecords,
  type MimoHeader,
} from './mimo-format.js';
import { isOriginalMimoFile, ORIGINAL_SNIFF_BYTES, originalFormatMessage } from './original-format.js';

/** Records are read this many bytes at a time (at least one record). */
const CHUNK_BYTES = 1 << 20;

/** Opens a .mimo file for reading, or says in a MimoFileError why it cannot. */
function openMimoFile(file: string): number {
  try {
    return openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new MimoFileError(`.mimo file ${file} ${why}`, { cause: error });
  }
}

function readExactly(fd: number, target: Buffer, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const count = readSync(fd, target, done, length - done, position + done);
    if (count === 0) break;
    done += count;
  }
  return done;
}

/** Reads and checks the header of an open .mimo file; recognises the Python original's files. */
export function readOpenMimoHeader(fd: number, file: string): MimoHeader {
  const start = Buffer.alloc(ORIGINAL_SNIFF_BYTES);
  const got = readExactly(fd, start, start.length, 0);
  if (isOriginalMimoFile(start.subarray(0, got))) throw new MimoFileError(originalFormatMessage(file));
  const jsonLength = parseMimoPreamble(start.subarray(0, got), file);
  const json = Buffer.alloc(jsonLength);
  if (readExactly(fd, json, jsonLength, MIMO_PREAMBLE_BYTES) < jsonLength) {
    throw new MimoFileError(`${file} ends inside its header`);
  }
  return parseMimoHeader(json.toString('utf8'), file);
}

/** The header of a .mimo file (opened, read, closed); throws MimoFileError with what is wrong. */
export function readMimoHeader(file: string): MimoHeader {
  const fd = openMimoFile(file);
  try {
    return readOpenMimoHeader(fd, file);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the records of a .mimo file in order, a chunk of them at a time into one reused buffer:
 * copying a record into a slot allocates nothing. Only whole records count (a crash of the
 * writer may leave a partial one at the end).
 */
export class MimoReader {
  readonly file: string;
  readonly header: MimoHeader;
  /** The slot layout of the records (equal to a sink's whose data_dtype and data_length match). */
  readonly layout: BufferLayout;
  readonly recordCount: number;
  readonly #fd: number;
  readonly #recordSize: number;
  readonly #chunk: Buffer;
  readonly #chunkRecords: number;
  #chunkFirst = 0;
  #chunkLoaded = 0;

  private constructor(file: string, fd: number, header: MimoHeader) {
    this.file = file;
    this.#fd = fd;
    this.header = header;
    this.layout = recordLayout(header);
    this.#recordSize = header.record_size;
    this.recordCount = wholeRecords(header, fstatSync(fd).size);
    this.#chunkRecords = Math.max(1, Math.floor(CHUNK_BYTES / this.#recordSize));
    this.#chunk = Buffer.allocUnsafe(this.#chunkRecords * this.#recordSize);
  }

  static open(file: string): MimoReader {
    const fd = openMimoFile(file);
    try {
      return new MimoReader(file, fd, readOpenMimoHeader(fd, file));
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** Byte offset in the chunk of record `index`, reading the chunk that holds it when needed. */
  #locate(index: number): number {
    if (index < this.#chunkFirst || index >= this.#chunkFirst + this.#chunkLoaded) {
      const count = Math.min(this.#chunkRecords, this.recordCount - index);
      if (index < 0 || count <= 0) throw new RangeError(`${this.file}: no record ${index}`);
      const bytes = count * this.#recordSize;
      const position = this.header.records_offset + index * this.#recordSize;
      if (readExactly(this.#fd, this.#chunk, bytes, position) < bytes) {
        throw new MimoFileError(`${this.file} became shorter while it was read`);
      }
      this.#chunkFirst = index;
      this.#chunkLoaded = count;
    }
    return (index - this.#chunkFirst) * this.#recordSize;
  }

  /** Copies record `index` (metadata and data, one block) into `target`, e.g. a slot's bytes. */
  copyRecord(index: number, target: Uint8Array): void {
    const at = this.#locate(index);
    this.#chunk.copy(target, 0, at, at + this.#recordSize);
  }

  /** The recorded timestamp (seconds since the epoch) of record `index`. */
  timestampOf(index: number): number {
    return this.#chunk.readDoubleLE(this.#locate(index) + 8);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
