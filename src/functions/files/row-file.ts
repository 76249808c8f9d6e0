import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { ExportFileError } from '../../errors.js';
import { exportFileError } from './file-error.js';
import { wholeLinesLength } from './whole-lines.js';

/**
 * A file that only ever grows by whole lines (rows of a CSV). A partial last line left by a
 * killed writer is cut off when it is opened again, so a restarted exporter appends after the
 * last whole row; a failed write (a full disk) cuts the file back to its last whole row and
 * throws one ExportFileError naming the file and the error code.
 */
export class RowFile {
  readonly path: string;
  /** The header's bytes: the size of a file that holds no row. */
  readonly emptySize: number;
  readonly #fd: number;
  /** Bytes up to the end of the last whole row written. */
  #size: number;

  private constructor(path: string, fd: number, size: number, emptySize: number) {
    this.path = path;
    this.emptySize = emptySize;
    this.#fd = fd;
    this.#size = size;
  }

  /**
   * Opens `path` to append rows, creating it. `header` (with its newline) is written when the
   * file holds no whole line yet.
   */
  static open(path: string, header = ''): RowFile {
    let fd: number;
    try {
      fd = openSync(path, 'a+');
    } catch (error) {
      throw exportFileError('open', path, error);
    }
    try {
      const whole = wholeLinesLength(fd);
      ftruncateSync(fd, whole);
      const file = new RowFile(path, fd, whole, Buffer.byteLength(header));
      if (whole === 0 && header !== '') file.append(header);
      return file;
    } catch (error) {
      closeSync(fd);
      throw error instanceof ExportFileError ? error : exportFileError('open', path, error);
    }
  }

  /** Appends whole rows (ending with a newline): all of them or, on failure, none. */
  append(rows: string | Uint8Array): void {
    if (rows.length === 0) return;
    const bytes = typeof rows === 'string' ? Buffer.from(rows, 'utf8') : rows;
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(this.#fd, bytes, written, bytes.length - written);
    } catch (error) {
      throw exportFileError('write', this.path, error, this.#cutBack());
    }
    this.#size += bytes.length;
  }

  /** Bytes up to the end of the last whole row written. */
  get size(): number {
    return this.#size;
  }

  /** What the error message adds about the file after a failed write. */
  #cutBack(): string {
    try {
      ftruncateSync(this.#fd, this.#size);
      return `; the file ends with its last whole row (${this.#size} bytes)`;
    } catch (error) {
      return `; it could not be cut back to its last whole row: ${(error as Error).message}`;
    }
  }

  close(): void {
    closeSync(this.#fd);
  }
}
