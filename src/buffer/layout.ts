import { BufferConfigError } from '../errors.js';
import { validateDtype, type Dtype } from './dtype.js';

// Byte sizes of the fixed parts of a buffer file; docs/buffer-format.md draws them.
export const MAGIC = 'MIMOBUF\0';
export const LAYOUT_VERSION = 2;
export const PREAMBLE_BYTES = 64;
export const STATE_BYTES = 256;
export const ATTACHMENT_HEADER_BYTES = 128;
export const SLOT_TABLE_ENTRY_BYTES = 16;
export const METADATA_BYTES = 24;
const SLOT_ALIGN = 64;
const PAGE = 4096;

/** Tokens carry the slot index in 16 bits, and a FIFO holds 16 pages of 1024 tokens. */
export const MAX_SLOT_COUNT = 14_000;
/** mmap-io maps with a C int size. */
export const MAX_FILE_BYTES = 2 ** 31 - 1;
export const DEFAULT_MAX_PROCESSES = 256;
/** Process entries a buffer file can have at most. */
export const MAX_PROCESSES = 4096;
export const MAX_INBOX_TOKENS = 256;

/** What a caller asks for: the setup file's buffer entry plus the writer count control expects. */
export interface BufferSpec {
  readonly name: string;
  readonly slotCount: number;
  readonly dataLength: number;
  /** field name -> numpy dtype string, in column order. */
  readonly fields: Readonly<Record<string, string>>;
  /** Recycle the oldest filled slot instead of blocking when no slot is free. @default false */
  readonly overwrite?: boolean;
  /** Writer processes that must be done before end of stream is posted. @default 1 */
  readonly writers?: number;
  /** Process entries: every writer or reader process that attaches during the run takes one. @default 256 */
  readonly maxProcesses?: number;
}

export interface FieldLayout {
  readonly name: string;
  readonly dtype: Dtype;
  /** Byte offset of the column from the start of the slot. */
  readonly offset: number;
  readonly byteLength: number;
  /** Typed-array elements in the column (data_length, or data_length * n for `S<n>`). */
  readonly elements: number;
}

/** Every offset of a buffer file; computed once from a spec, or read back from the file's JSON. */
export interface BufferLayout {
  readonly name: string;
  readonly slotCount: number;
  readonly dataLength: number;
  readonly overwrite: boolean;
  readonly writers: number;
  readonly fields: readonly FieldLayout[];
  readonly jsonReserved: number;
  readonly stateOffset: number;
  readonly attachmentsOffset: number;
  readonly attachmentCount: number;
  readonly attachmentStride: number;
  readonly inboxCapacity: number;
  readonly slotTableOffset: number;
  readonly slotsOffset: number;
  readonly slotSize: number;
  readonly fileSize: number;
}

const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function roundUp(value: number, to: number): number {
  return Math.ceil(value / to) * to;
}

function validateCount(name: string, key: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new BufferConfigError(
      `buffer '${name}': ${key} must be a whole number, got ${JSON.stringify(value)}`,
    );
  }
  if (value < min || value > max) {
    throw new BufferConfigError(`buffer '${name}': ${key} must be from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/** Batch size of one token read: enough to amortise the syscall, small enough not to hoard events. */
export function inboxCapacityFor(slotCount: number): number {
  return Math.max(1, Math.min(MAX_INBOX_TOKENS, Math.floor(slotCount / 4)));
}

/** Token entries of a process entry: its inbox, then (writers) as many held commits (held-commits.ts). */
export function entryTokenCount(inboxCapacity: number): number {
  return 2 * inboxCapacity;
}

/** Checks a spec and computes where everything lives in the file. Throws BufferConfigError. */
export function computeLayout(spec: BufferSpec): BufferLayout {
  const { name } = spec;
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new BufferConfigError(
      `buffer name ${JSON.stringify(name)} must be letters, digits, '_', '.' or '-' (it names files)`,
    );
  }
  const slotCount = validateCount(name, 'slot_count', spec.slotCount, 1, MAX_SLOT_COUNT);
  const dataLength = validateCount(name, 'data_length', spec.dataLength, 1, MAX_FILE_BYTES);
  const writers = validateCount(name, 'writers', spec.writers ?? 1, 0, 4096);
  const attachmentCount = validateCount(
    name,
    'maxProcesses',
    spec.maxProcesses ?? DEFAULT_MAX_PROCESSES,
    1,
    MAX_PROCESSES,
  );
  const entries = Object.entries(spec.fields ?? {});
  if (entries.length === 0)
    throw new BufferConfigError(`buffer '${name}': data_dtype needs at least one field`);

  const fields: FieldLayout[] = [];
  let offset = METADATA_BYTES;
  for (const [field, value] of entries) {
    const dtype = validateDtype(name, field, value);
    // Columns start on 8 bytes so that every typed array (and numpy) sees aligned data.
    offset = roundUp(offset, 8);
    const byteLength = dtype.itemsize * dataLength;
    fields.push({ name: field, dtype, offset, byteLength, elements: dtype.elementsPerItem * dataLength });
    offset += byteLength;
    if (offset > MAX_FILE_BYTES) break;
  }
  const slotSize = roundUp(offset, SLOT_ALIGN);

  const inboxCapacity = inboxCapacityFor(slotCount);
  const attachmentStride = roundUp(ATTACHMENT_HEADER_BYTES + entryTokenCount(inboxCapacity) * 4, SLOT_ALIGN);
  const draft = {
    name,
    slotCount,
    dataLength,
    overwrite: spec.overwrite === true,
    writers,
    fields,
    jsonReserved: 0,
    stateOffset: 0,
    attachmentsOffset: 0,
    attachmentCount,
    attachmentStride,
    inboxCapacity,
    slotTableOffset: 0,
    slotsOffset: 0,
    slotSize,
    fileSize: 0,
  };
  // The JSON holds the offsets, which depend on its length: reserve room for ten-digit numbers.
  const jsonReserved = roundUp(Buffer.byteLength(describeLayout(draft)) + 256, SLOT_ALIGN);
  const stateOffset = PREAMBLE_BYTES + jsonReserved;
  const attachmentsOffset = stateOffset + STATE_BYTES;
  const slotTableOffset = attachmentsOffset + attachmentCount * attachmentStride;
  const slotsOffset = roundUp(slotTableOffset + slotCount * SLOT_TABLE_ENTRY_BYTES, PAGE);
  const fileSize = slotsOffset + slotCount * slotSize;
  if (fileSize > MAX_FILE_BYTES) {
    const perSlot = `${slotSize} bytes per slot`;
    throw new BufferConfigError(
      `buffer '${name}': ${slotCount} slots of ${perSlot} need ${mib(fileSize)} MiB, more than the 2 GiB one buffer can map; lower slot_count or data_length`,
    );
  }
  return { ...draft, jsonReserved, stateOffset, attachmentsOffset, slotTableOffset, slotsOffset, fileSize };
}

export function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

/** The JSON description stored in the file (snake_case, like the setup file and numpy). */
export function describeLayout(layout: BufferLayout): string {
  return JSON.stringify({
    format: 'mimocorb2-buffer',
    version: LAYOUT_VERSION,
    name: layout.name,
    slot_count: layout.slotCount,
    data_length: layout.dataLength,
    overwrite: layout.overwrite,
    writers: layout.writers,
    slot_size: layout.slotSize,
    metadata: [
      { name: 'counter', dtype: '<i8', offset: 0 },
      { name: 'timestamp', dtype: '<f8', offset: 8 },
      { name: 'deadtime', dtype: '<f8', offset: 16 },
    ],
    fields: layout.fields.map((f) => ({
      name: f.name,
      dtype: f.dtype.descr,
      offset: f.offset,
      bytes: f.byteLength,
    })),
    json_reserved: layout.jsonReserved,
    state_offset: layout.stateOffset,
    attachments_offset: layout.attachmentsOffset,
    attachment_count: layout.attachmentCount,
    attachment_stride: layout.attachmentStride,
    inbox_capacity: layout.inboxCapacity,
    slot_table_offset: layout.slotTableOffset,
    slots_offset: layout.slotsOffset,
    file_size: layout.fileSize,
  });
}

/** Rebuilds the layout from a file's JSON description. */
export function parseLayout(json: string, source: string): BufferLayout {
  const d = JSON.parse(json) as Record<string, unknown>;
  if (d['format'] !== 'mimocorb2-buffer')
    throw new BufferConfigError(`${source}: not a mimocorb2 buffer description`);
  const fields = Object.fromEntries(
    (d['fields'] as { name: string; dtype: string }[]).map((f) => [f.name, f.dtype] as const),
  );
  const layout = computeLayout({
    name: d['name'] as string,
    slotCount: d['slot_count'] as number,
    dataLength: d['data_length'] as number,
    fields,
    overwrite: d['overwrite'] === true,
    writers: d['writers'] as number,
    maxProcesses: d['attachment_count'] as number,
  });
  if (layout.slotsOffset !== d['slots_offset'] || layout.fileSize !== d['file_size']) {
    throw new BufferConfigError(`${source}: the stored offsets do not match this version's layout`);
  }
  return layout;
}
