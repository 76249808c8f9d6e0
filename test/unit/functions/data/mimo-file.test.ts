import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { computeLayout, type BufferLayout } from '../../../../src/buffer/index.js';
import { MimoReader, readMimoHeader } from '../../../../src/functions/data/mimo-reader.js';
import { MimoWriter } from '../../../../src/functions/data/mimo-writer.js';
import { MIMOFILE_SCRIPT } from '../../../../src/functions/data/original-format.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mimocorb2-mimo-'));
  dirs.push(dir);
  return dir;
}

const LAYOUT = computeLayout({
  name: 'raw',
  slotCount: 1,
  dataLength: 5,
  fields: { wave: 'f4', index: 'int64', ok: 'bool', tag: 'S3' },
});
const ORIGIN = { setupFile: '/lab/spin_setup.yaml', startTime: 1_700_000_000.25 };

/** A slot's bytes for event k: counter k, and every field derived from k. */
function slot(layout: BufferLayout, k: number): Uint8Array {
  const bytes = new Uint8Array(layout.slotSize);
  const view = new DataView(bytes.buffer);
  view.setBigInt64(0, BigInt(k), true);
  view.setFloat64(8, 1000 + k / 10, true);
  view.setFloat64(16, 0.5, true);
  for (const field of layout.fields) {
    for (let b = 0; b < field.byteLength; b++) bytes[field.offset + b] = (k * 7 + b) & 0xff;
  }
  return bytes;
}

function writeRecords(file: string, layout: BufferLayout, from: number, to: number): MimoWriter {
  const writer = MimoWriter.open(file, layout, ORIGIN);
  for (let k = from; k < to; k++) writer.write(slot(layout, k));
  writer.close();
  return writer;
}

/** Compares bytes without vitest's element-by-element diff (slow on big records). */
function expectSameBytes(actual: Uint8Array | undefined, expected: Uint8Array, what: string): void {
  expect(actual !== undefined && Buffer.from(actual).equals(Buffer.from(expected)), what).toBe(true);
}

function readAll(file: string): { reader: MimoReader; records: Uint8Array[] } {
  const reader = MimoReader.open(file);
  const records: Uint8Array[] = [];
  for (let k = 0; k < reader.recordCount; k++) {
    const bytes = new Uint8Array(reader.header.record_size);
    reader.copyRecord(k, bytes);
    records.push(bytes);
  }
  reader.close();
  return { reader, records };
}

describe('.mimo files', () => {
  it('records are the slot bytes, read back exactly, after a self-describing header', () => {
    const file = join(scratch(), 'raw.mimo');
    writeRecords(file, LAYOUT, 0, 1000);
    const { reader, records } = readAll(file);
    expect(reader.recordCount).toBe(1000);
    records.forEach((bytes, k) => expectSameBytes(bytes, slot(LAYOUT, k), `record ${k}`));
    expect(reader.header).toMatchObject({
      format: 'mimocorb2-mimo',
      version: 1,
      buffer: 'raw',
      setup_name: 'spin_setup',
      setup_file: '/lab/spin_setup.yaml',
      start_time: 1_700_000_000.25,
      start_time_utc: '2023-11-14T22:13:20.250Z',
      data_length: 5,
      data_dtype: { wave: '<f4', index: '<i8', ok: '|b1', tag: '|S3' },
      record_size: LAYOUT.slotSize,
    });
    expect(reader.header.records_offset % 64).toBe(0);
    expect(statSync(file).size).toBe(reader.header.records_offset + 1000 * LAYOUT.slotSize);
    expect(readFileSync(file).subarray(0, 8).toString()).toBe('MIMOFILE');
  });

  it('large records (written straight from the slot) read back exactly', () => {
    const big = computeLayout({ name: 'osc', slotCount: 1, dataLength: 4250, fields: { a: 'f4', b: 'f4' } });
    const file = join(scratch(), 'osc.mimo');
    writeRecords(file, big, 0, 40);
    const { records } = readAll(file);
    expect(records).toHaveLength(40);
    records.forEach((bytes, k) => expectSameBytes(bytes, slot(big, k), `record ${k}`));
  });

  it('a file cut in the middle of a record reads up to its last whole record', () => {
    const file = join(scratch(), 'raw.mimo');
    writeRecords(file, LAYOUT, 0, 10);
    truncateSync(file, statSync(file).size - 13);
    const { records } = readAll(file);
    expect(records).toHaveLength(9);
    expectSameBytes(records[8], slot(LAYOUT, 8), 'record 8');
  });

  it('a restarted writer cuts off a partial record and appends after the last whole one', () => {
    const file = join(scratch(), 'raw.mimo');
    writeRecords(file, LAYOUT, 0, 10);
    appendFileSync(file, Buffer.alloc(17, 0xee));
    const writer = writeRecords(file, LAYOUT, 10, 15);
    expect(writer.recordsBefore).toBe(10);
    const { records } = readAll(file);
    expect(records).toHaveLength(15);
    records.forEach((bytes, k) => expectSameBytes(bytes, slot(LAYOUT, k), `record ${k}`));
  });

  it('a writer refuses to append to a file of another layout', () => {
    const file = join(scratch(), 'raw.mimo');
    writeRecords(file, LAYOUT, 0, 1);
    const other = computeLayout({ name: 'raw', slotCount: 1, dataLength: 2, fields: { x: 'f8' } });
    expect(() => MimoWriter.open(file, other, ORIGIN)).toThrow(
      `${file} exists with data_dtype {wave: <f4, index: <i8, ok: |b1, tag: |S3} and data_length 5; ` +
        "buffer 'raw' has {x: <f8} and 2: it cannot be appended to",
    );
  });

  it('says what is wrong with a file that is not one', () => {
    const dir = scratch();
    const text = join(dir, 'notes.mimo');
    writeFileSync(text, 'hello');
    expect(() => readMimoHeader(text)).toThrow(
      `${text} is not a mimocorb2 .mimo file (it does not start with MIMOFILE)`,
    );
    expect(() => readMimoHeader(join(dir, 'missing.mimo'))).toThrow(
      `.mimo file ${join(dir, 'missing.mimo')} not found`,
    );
  });

  it("recognises the Python original's files and gives the command that converts them", () => {
    const file = join(scratch(), 'waveform_buffer.mimo');
    // What pickle.dump writes first (protocol 4), with the original's header sentence.
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0x80, 0x04, 0x95]), Buffer.from('This is a mimoCoRB file')]),
    );
    expect(() => MimoReader.open(file)).toThrow(
      `${file} is a .mimo file of the Python mimoCoRB2 (a pickled header), which mimocorb2 does not read; ` +
        `convert it once with: python3 ${MIMOFILE_SCRIPT} convert ${file} ` +
        '(this rewrites it in place and keeps the original as waveform_buffer.mimo.orig)',
    );
    expect(MIMOFILE_SCRIPT).toMatch(/\/scripts\/mimofile\.py$/);
    expect(statSync(MIMOFILE_SCRIPT).isFile()).toBe(true);
  });
});
