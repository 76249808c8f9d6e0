import { closeSync, constants, fstatSync, openSync, readSync, rmSync, statfsSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { BufferConfigError, BufferFileError } from '../errors.js';
import { makeDirectory } from '../make-directory.js';
import {
  computeLayout,
  describeLayout,
  LAYOUT_VERSION,
  MAGIC,
  mib,
  parseLayout,
  PREAMBLE_BYTES,
  SLOT_TABLE_ENTRY_BYTES,
  type BufferLayout,
  type BufferSpec,
} from './layout.js';
import { mapShared, writeZeros } from './shared-map.js';
import { NO_OWNER, SlotWord, StateByte, StateWord } from './shared-state.js';

/** Paths of a buffer's file and its two FIFOs inside a run's buffer directory. */
export function bufferPaths(dir: string, name: string): { file: string; empty: string; filled: string } {
  return {
    file: join(dir, `${name}.mimobuf`),
    empty: join(dir, `${name}.empty`),
    filled: join(dir, `${name}.filled`),
  };
}

/**
 * The mapped buffer file with typed views over all of it. Index helpers turn the layout's byte
 * offsets into element indices of these views.
 */
export class RingFile {
  readonly path: string;
  readonly layout: BufferLayout;
  readonly map: Buffer;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly f64: Float64Array;
  readonly i64: BigInt64Array;
  /** The JSON description as stored in the file. */
  readonly description: Readonly<Record<string, unknown>>;

  private constructor(path: string, layout: BufferLayout, map: Buffer, description: Record<string, unknown>) {
    this.path = path;
    this.layout = layout;
    this.map = map;
    this.description = description;
    const words = Math.floor(map.length / 8) * 2;
    this.i32 = new Int32Array(map.buffer, map.byteOffset, words);
    this.u32 = new Uint32Array(map.buffer, map.byteOffset, words);
    this.f64 = new Float64Array(map.buffer, map.byteOffset, words / 2);
    this.i64 = new BigInt64Array(map.buffer, map.byteOffset, words / 2);
  }

  /** Writes a new buffer file full of zeros (never sparse: see docs), then maps and initialises it. */
  static create(path: string, spec: BufferSpec): RingFile {
    const layout = computeLayout(spec);
    const dir = join(path, '..');
    makeDirectory(dir);
    const { bavail, bsize } = statfsSync(dir);
    if (bavail * bsize < layout.fileSize) {
      throw new BufferConfigError(
        `buffer '${spec.name}': needs ${mib(layout.fileSize)} MiB but ${dir} has only ${mib(bavail * bsize)} MiB free; lower slot_count or data_length, or free memory in ${dir}`,
      );
    }
    let fd: number;
    try {
      fd = openSync(path, 'wx+', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      throw new BufferConfigError(
        `buffer '${spec.name}': ${path} exists already (a buffer of this name is there)`,
        {
          cause: error,
        },
      );
    }
    try {
      writeZeros(fd, layout.fileSize);
      const map = mapShared(fd, layout.fileSize);
      const description = JSON.parse(describeLayout(layout)) as Record<string, unknown>;
      const file = new RingFile(path, layout, map, description);
      file.initialise();
      return file;
    } catch (error) {
      rmSync(path, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EFBIG') {
        throw new BufferConfigError(
          `buffer '${spec.name}': writing its ${mib(layout.fileSize)} MiB file in ${dir} failed (${code}: ${code === 'ENOSPC' ? 'no space left' : 'file too large for this process'}); lower slot_count or data_length`,
          { cause: error },
        );
      }
      throw error;
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Maps an existing buffer file after checking its magic, layout version, description and size.
   * `readOnly` maps it PROT_READ (inspect, scripts): nothing can be written through it.
   */
  static open(path: string, options: { readOnly?: boolean } = {}): RingFile {
    const readOnly = options.readOnly === true;
    let fd: number;
    try {
      // O_NONBLOCK: opening a FIFO given by mistake must not wait for a writer to open it too.
      fd = openSync(path, (readOnly ? constants.O_RDONLY : constants.O_RDWR) | constants.O_NONBLOCK);
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new BufferFileError(`cannot open buffer file ${path}: ${reason}`, { cause: error });
    }
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) {
        throw new BufferFileError(
          `${path} is not a mimocorb2 buffer file: it is ${kindOfFile(stats)}, not a regular file`,
        );
      }
      const { size } = stats;
      const preamble = Buffer.alloc(PREAMBLE_BYTES);
      const got = readSync(fd, preamble, 0, PREAMBLE_BYTES, 0);
      if (got < PREAMBLE_BYTES || preamble.toString('latin1', 0, 8) !== MAGIC) {
        throw new BufferFileError(
          `${path} is not a mimocorb2 buffer file (it does not start with the MIMOBUF magic)`,
        );
      }
      const version = preamble.readUInt32LE(8);
      if (version !== LAYOUT_VERSION) {
        throw new BufferFileError(
          `${path} has buffer layout version ${version}; this mimocorb2 reads version ${LAYOUT_VERSION}`,
        );
      }
      const jsonLength = preamble.readUInt32LE(12);
      if (PREAMBLE_BYTES + jsonLength > size) {
        throw new BufferFileError(`${path} is truncated: its description is cut off`);
      }
      const json = Buffer.alloc(jsonLength);
      readSync(fd, json, 0, jsonLength, PREAMBLE_BYTES);
      let layout: BufferLayout;
      let description: Record<string, unknown>;
      try {
        description = JSON.parse(json.toString('utf8')) as Record<string, unknown>;
        layout = parseLayout(json.toString('utf8'), path);
      } catch (error) {
        throw new BufferFileError(`${path} has an unreadable description: ${(error as Error).message}`, {
          cause: error,
        });
      }
      // Touching a page past the end of the file would kill this process with SIGBUS.
      if (size < layout.fileSize) {
        throw new BufferFileError(
          `${path} is truncated: ${size} bytes, its description says ${layout.fileSize}`,
        );
      }
      const map = mapShared(fd, layout.fileSize, readOnly);
      return new RingFile(path, layout, map, description);
    } finally {
      closeSync(fd);
    }
  }

  private initialise(): void {
    const { layout, map } = this;
    const json = describeLayout(layout);
    map.write(MAGIC, 0, 'latin1');
    map.writeUInt32LE(LAYOUT_VERSION, 8);
    map.writeUInt32LE(Buffer.byteLength(json), 12);
    map.write(json, PREAMBLE_BYTES, 'utf8');
    this.i32[this.stateWord(StateWord.OPEN_WRITERS)] = layout.writers;
    this.i32[this.stateWord(StateWord.LAST_COMMITTED)] = -1;
    this.i32[this.stateWord(StateWord.CONTROL_PID)] = process.pid;
    this.f64[(layout.stateOffset + StateByte.CREATED) >> 3] = Date.now() / 1000;
    for (let slot = 0; slot < layout.slotCount; slot++)
      this.i32[this.slotWord(slot, SlotWord.OWNER)] = NO_OWNER;
    if (layout.writers === 0) {
      this.i32[this.stateWord(StateWord.ENDED)] = 1;
    }
  }

  stateWord(word: number): number {
    return (this.layout.stateOffset >> 2) + word;
  }

  stateF64(byte: number): number {
    return (this.layout.stateOffset + byte) >> 3;
  }

  attachmentBase(index: number): number {
    return this.layout.attachmentsOffset + index * this.layout.attachmentStride;
  }

  slotWord(slot: number, word: number): number {
    return ((this.layout.slotTableOffset + slot * SLOT_TABLE_ENTRY_BYTES) >> 2) + word;
  }

  slotOffset(slot: number): number {
    return this.layout.slotsOffset + slot * this.layout.slotSize;
  }
}

function kindOfFile(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'a device';
}
