import { closeSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { exportFileError } from '../files/index.js';
import type { BufferLayout } from '../../buffer/index.js';
import { MimoFileError } from '../../errors.js';
import { describeFields, describeLayoutMismatch } from '../../templates/setup-checks.js';
import {
  describeMimoHeader,
  encodeMimoHeader,
  recordLayout,
  wholeRecords,
  type MimoHeader,
  type MimoOrigin,
} from './mimo-format.js';
import { readOpenMimoHeader } from './mimo-reader.js';

/** Small records are gathered up to this many bytes and written together. */
const BATCH_BYTES = 256 * 1024;
/** A record this large is written straight from the slot: the system call costs less than a copy. */
const DIRECT_WRITE_BYTES = 32 * 1024;

/**
 * Appends records (slot bytes) to a .mimo file. A new file gets its header first; an existing one
 * (the process was restarted) must record the same layout, and is cut back to its last whole
 * record before appending. Records wait in one reused batch until flush(), a full batch, or
 * close(); large ones are written at once. A write that fails (a full disk) cuts the file back to
 * its last whole record and throws an ExportFileError naming the file and the error code.
 */
export class MimoWriter {
  readonly path: string;
  readonly header: MimoHeader;
  /** Whole records the file held when it was opened (0 for a new file). */
  readonly recordsBefore: number;
  readonly #fd: number;
  readonly #recordSize: number;
  readonly #batch: Buffer;
  readonly #isDirect: boolean;
  #batched = 0;
  #written = 0;
  #position: number;
  #closed = false;

  private constructor(file: string, fd: number, header: MimoHeader, recordsBefore: number) {
    this.path = file;
    this.#fd = fd;
    this.header = header;
    this.recordsBefore = recordsBefore;
    this.#recordSize = header.record_size;
    this.#position = header.records_offset + recordsBefore * header.record_size;
    this.#isDirect = header.record_size >= DIRECT_WRITE_BYTES;
    const batchRecords = this.#isDirect ? 0 : Math.floor(BATCH_BYTES / header.record_size);
    this.#batch = Buffer.allocUnsafe(batchRecords * header.record_size);
  }

  /** Creates `file` for records of `layout`, or reopens it to append when it exists. */
  static open(file: string, layout: BufferLayout, origin: MimoOrigin): MimoWriter {
    const header = describeMimoHeader(layout, origin);
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return MimoWriter.#reopen(file, layout);
      throw new MimoFileError(`cannot create ${file}: ${(error as Error).message}`, { cause: error });
    }
    try {
      const bytes = encodeMimoHeader(header);
      writeAt(fd, bytes, bytes.length, 0);
    } catch (error) {
      closeSync(fd);
      throw exportFileError('write', file, error, cutBack(fd, file, 0));
    }
    return new MimoWriter(file, fd, header, 0);
  }

  static #reopen(file: string, layout: BufferLayout): MimoWriter {
    const fd = openSync(file, 'r+');
    try {
      const found = readOpenMimoHeader(fd, file);
      const foundLayout = recordLayout(found);
      if (describeLayoutMismatch(layout, foundLayout) !== null) {
        throw new MimoFileError(
          `${file} exists with data_dtype {${describeFields(foundLayout)}} and data_length ${found.data_length}; ` +
            `buffer '${layout.name}' has {${describeFields(layout)}} and ${layout.dataLength}: it cannot be appended to`,
        );
      }
      const records = wholeRecords(found, fstatSync(fd).size);
      // A crash may have left part of a record: cut it off so that appended records stay aligned.
      ftruncateSync(fd, found.records_offset + records * found.record_size);
      return new MimoWriter(file, fd, found, records);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** The file's bytes once the batched records are written. */
  get size(): number {
    return this.#position + this.#batched * this.#recordSize;
  }

  /** The header's bytes: the size of a file that holds no record. */
  get emptySize(): number {
    return this.header.records_offset;
  }

  /** Records given to write() so far, batched ones included. */
  get recordsWritten(): number {
    return this.#written;
  }

  /** Appends one record: `bytes` is a slot's bytes (record_size of them). */
  write(bytes: Uint8Array): void {
    this.#written++;
    if (this.#isDirect) {
      this.#write(bytes, this.#recordSize);
      return;
    }
    const size = this.#recordSize;
    this.#batch.set(bytes, this.#batched * size);
    this.#batched++;
    if (this.#batched * size === this.#batch.length) this.flush();
  }

  /** Writes the batched records. */
  flush(): void {
    if (this.#batched === 0) return;
    const bytes = this.#batched * this.#recordSize;
    this.#batched = 0;
    this.#write(this.#batch, bytes);
  }

  /** Writes the first `length` bytes of `bytes` at the end of the whole records. */
  #write(bytes: Uint8Array, length: number): void {
    try {
      writeAt(this.#fd, bytes, length, this.#position);
    } catch (error) {
      throw exportFileError('write', this.path, error, cutBack(this.#fd, this.path, this.#position));
    }
    this.#position += length;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.flush();
    } finally {
      closeSync(this.#fd);
    }
  }
}

/** Writes the first `length` bytes of `bytes` at `position` (a write may take only part of them). */
function writeAt(fd: number, bytes: Uint8Array, length: number, position: number): void {
  let done = 0;
  while (done < length) done += writeSync(fd, bytes, done, length - done, position + done);
}

/** Cuts the file back to `size` (its whole records) after a failed write; what the error adds. */
function cutBack(fd: number, file: string, size: number): string {
  try {
    ftruncateSync(fd, size);
    return size === 0
      ? `; ${file} is empty (not even its header was written)`
      : `; the file ends with its last whole record (${size} bytes)`;
  } catch (error) {
    return `; it could not be cut back to its last whole record: ${(error as Error).message}`;
  }
}
