// The Python runtime shows a slot's columns as the original's structured records: a view on the
// slot when numpy can make one (one field, or data_length 1), else a packed copy gathered from
// the columns and scattered back. Both directions against the TypeScript Writer and Reader.
import { describe, expect, it } from 'vitest';
import { Reader, RingBuffer, Writer } from '../../../src/buffer/index.js';
import { useBufferDir } from '../../helpers/buffer-dir.js';
import { RUNTIME_PYTHON, spawnFixture } from '../../helpers/implementations.js';
import { describeChild, useProcessCleanup, waitForExit } from '../../helpers/processes.js';

const bufferDir = useBufferDir();
useProcessCleanup();

const LAYOUTS = [
  { title: 'several fields, data_length 5 (packed copies)', dataLength: 5, zeroCopy: false },
  { title: 'several fields, data_length 1 (a view with offsets)', dataLength: 1, zeroCopy: true },
] as const;
const FIELDS = { a: 'i4', b: 'f8', c: 'u1', d: 'f4' };

/** Event i: element k of every field is i * 100 + k (mod 256 for u1). */
function expectedValue(field: string, i: number, k: number): number {
  const value = i * 100 + k;
  return field === 'c' ? value % 256 : value;
}

describe.skipIf(RUNTIME_PYTHON === undefined).each(LAYOUTS)('$title', ({ dataLength, zeroCopy }) => {
  it('Python writes records, TypeScript reads the columns', async () => {
    const buffer = RingBuffer.create(bufferDir(), { name: 'raw', slotCount: 8, dataLength, fields: FIELDS });
    const reader = new Reader(buffer);
    const child = spawnFixture('python', 'python/slot_arrays', ['write', buffer.paths.file, 50]);
    const seen: number[] = [];
    for (let slot = reader.next(); slot !== null; slot = reader.next()) {
      const i = Number(slot.metadata.counter);
      seen.push(i);
      for (const field of Object.keys(FIELDS)) {
        const column = Array.from(slot.data[field] as ArrayLike<number>);
        expect(column, `event ${i} field ${field}`).toEqual(column.map((_, k) => expectedValue(field, i, k)));
      }
    }
    expect(await waitForExit(child), describeChild(child)).toEqual({ code: 0, signal: null });
    expect(JSON.parse(child.lines[0] as string)).toEqual({ zero_copy: zeroCopy });
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
    buffer.remove();
  });

  it('TypeScript writes the columns, Python reads records', async () => {
    const buffer = RingBuffer.create(bufferDir(), { name: 'raw', slotCount: 8, dataLength, fields: FIELDS });
    const child = spawnFixture('python', 'python/slot_arrays', ['read', buffer.paths.file]);
    const writer = new Writer(buffer);
    for (let i = 0; i < 50; i++) {
      const slot = writer.acquire();
      if (slot === null) throw new Error('no slot');
      for (const field of Object.keys(FIELDS)) {
        const column = slot.data[field] as Int32Array;
        for (let k = 0; k < dataLength; k++) column[k] = expectedValue(field, i, k);
      }
      slot.metadata.set3(i, 0, 0);
      writer.commit();
    }
    writer.close();
    expect(await waitForExit(child), describeChild(child)).toEqual({ code: 0, signal: null });
    const result = JSON.parse(child.lines[0] as string) as {
      zero_copy: boolean;
      events: [number, Record<string, number[]>][];
    };
    expect(result.zero_copy).toBe(zeroCopy);
    expect(result.events.map(([counter]) => counter)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    for (const [i, data] of result.events)
      for (const field of Object.keys(FIELDS))
        expect(data[field], `event ${i} field ${field}`).toEqual(
          Array.from({ length: dataLength }, (_, k) => expectedValue(field, i, k)),
        );
    buffer.remove();
  });
});
