import { computeLayout, type BufferLayout } from '../../buffer/index.js';
import { MimoFileError } from '../../errors.js';
import { isRecord } from '../../is-record.js';

// The bytes of a .mimo file; docs/mimo-format.md draws them. A record is exactly the bytes of a
// buffer slot (metadata, then one column per field, padded to 64 bytes), so that writing an
// event is one copy of its slot and numpy can map the records with the offsets of the header.

export const MIMO_MAGIC = 'MIMOFILE';
export const MIMO_VERSION = 1;
export const MIMO_FORMAT = 'mimocorb2-mimo';
/** Magic (8 bytes), version (u32), length of the JSON header (u32). */
export const MIMO_PREAMBLE_BYTES = 16;
const RECORDS_ALIGN = 64;
/** Room left in the header for the digits of records_offset, which the JSON itself holds. */
const OFFSET_DIGITS_ROOM = 16;

export interface MimoField {
  readonly name: string;
  /** numpy's descr string, e.g. `<f4`. */
  readonly dtype: string;
  /** Byte offset from the start of the record. */
  readonly offset: number;
  readonly bytes: number;
}

/** The JSON header of a .mimo file (snake_case, as numpy and the setup file write keys). */
export interface MimoHeader {
  readonly format: typeof MIMO_FORMAT;
  readonly version: number;
  /** The buffer whose events the file holds. */
  readonly buffer: string;
  /** The setup file's name without its extension, and its absolute path. */
  readonly setup_name: string;
  readonly setup_file: string;
  /** When the file was created: seconds since the epoch, and the same in ISO 8601 (UTC). */
  readonly start_time: number;
  readonly start_time_utc: string;
  readonly data_length: number;
  /** field -> numpy descr, in column order (the buffer's data_dtype). */
  readonly data_dtype: Readonly<Record<string, string>>;
  readonly record_size: number;
  /** Where the first record starts (a multiple of 64). */
  readonly records_offset: number;
  readonly metadata: readonly MimoField[];
  readonly fields: readonly MimoField[];
}

/** Who made the file and when; the rest of the header comes from the buffer's layout. */
export interface MimoOrigin {
  readonly setupFile: string;
  /** Seconds since the epoch. */
  readonly startTime: number;
}

const METADATA_FIELDS: readonly MimoField[] = [
  { name: 'counter', dtype: '<i8', offset: 0, bytes: 8 },
  { name: 'timestamp', dtype: '<f8', offset: 8, bytes: 8 },
  { name: 'deadtime', dtype: '<f8', offset: 16, bytes: 8 },
];

function roundUp(value: number, to: number): number {
  return Math.ceil(value / to) * to;
}

function setupName(setupFile: string): string {
  const base = setupFile.slice(setupFile.lastIndexOf('/') + 1);
  return base.replace(/\.ya?ml$/i, '');
}

/** The header of a file that records the events of a buffer with `layout`. */
export function describeMimoHeader(layout: BufferLayout, origin: MimoOrigin): MimoHeader {
  const draft: MimoHeader = {
    format: MIMO_FORMAT,
    version: MIMO_VERSION,
    buffer: layout.name,
    setup_name: setupName(origin.setupFile),
    setup_file: origin.setupFile,
    start_time: origin.startTime,
    start_time_utc: new Date(origin.startTime * 1000).toISOString(),
    data_length: layout.dataLength,
    data_dtype: Object.fromEntries(layout.fields.map((f) => [f.name, f.dtype.descr])),
    record_size: layout.slotSize,
    records_offset: 0,
    metadata: METADATA_FIELDS,
    fields: layout.fields.map((f) => ({
      name: f.name,
      dtype: f.dtype.descr,
      offset: f.offset,
      bytes: f.byteLength,
    })),
  };
  const jsonBytes = Buffer.byteLength(JSON.stringify(draft));
  const recordsOffset = roundUp(MIMO_PREAMBLE_BYTES + jsonBytes + OFFSET_DIGITS_ROOM, RECORDS_ALIGN);
  return { ...draft, records_offset: recordsOffset };
}

/** Preamble, JSON and padding (spaces, then a newline): the first records_offset bytes of the file. */
export function encodeMimoHeader(header: MimoHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const bytes = Buffer.alloc(header.records_offset, 0x20);
  bytes.write(MIMO_MAGIC, 0, 'latin1');
  bytes.writeUInt32LE(MIMO_VERSION, 8);
  bytes.writeUInt32LE(json.length, 12);
  json.copy(bytes, MIMO_PREAMBLE_BYTES);
  bytes[header.records_offset - 1] = 0x0a;
  return bytes;
}

/** The slot layout a file's records have: a one-slot buffer of its data_dtype and data_length. */
export function recordLayout(header: MimoHeader): BufferLayout {
  return computeLayout({
    name: header.buffer,
    slotCount: 1,
    dataLength: header.data_length,
    fields: header.data_dtype,
  });
}

/** The number of whole records in a file of `fileBytes` (a crash may leave a partial one at the end). */
export function wholeRecords(header: MimoHeader, fileBytes: number): number {
  return Math.max(0, Math.floor((fileBytes - header.records_offset) / header.record_size));
}

/** The preamble's JSON length, after checking magic and version; `start` holds the first 16 bytes. */
export function parseMimoPreamble(start: Buffer, path: string): number {
  if (start.length < MIMO_PREAMBLE_BYTES || start.toString('latin1', 0, 8) !== MIMO_MAGIC) {
    throw new MimoFileError(`${path} is not a mimocorb2 .mimo file (it does not start with ${MIMO_MAGIC})`);
  }
  const version = start.readUInt32LE(8);
  if (version !== MIMO_VERSION) {
    throw new MimoFileError(
      `${path} is a .mimo file of format version ${version}; this mimocorb2 reads version ${MIMO_VERSION}`,
    );
  }
  return start.readUInt32LE(12);
}

/** Checks the JSON header of `path` and that its record layout is the one this version computes. */
export function parseMimoHeader(json: string, path: string): MimoHeader {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new MimoFileError(`${path} has an unreadable header: ${(error as Error).message}`);
  }
  if (!isRecord(value) || value['format'] !== MIMO_FORMAT || !isRecord(value['data_dtype'])) {
    throw new MimoFileError(`${path} has no mimocorb2 .mimo header`);
  }
  const header = value as unknown as MimoHeader;
  let layout: BufferLayout;
  try {
    layout = recordLayout(header);
  } catch (error) {
    throw new MimoFileError(`${path} has a header that describes no buffer: ${(error as Error).message}`);
  }
  const fieldsMatch =
    Array.isArray(header.fields) &&
    header.fields.length === layout.fields.length &&
    layout.fields.every((f, i) => header.fields[i]?.offset === f.offset);
  const offsetValid = Number.isInteger(header.records_offset) && header.records_offset % RECORDS_ALIGN === 0;
  if (header.record_size !== layout.slotSize || !fieldsMatch || !offsetValid) {
    throw new MimoFileError(`${path}: the record layout in its header is not the one of this mimocorb2`);
  }
  return header;
}
