import { describe, expect, it } from 'vitest';
import { BufferIO, Importer, Reader, type EventRecord, type RingBuffer } from '../../../src/index.js';
import { useTemplateWorkers } from './template-workers.js';

const FIELDS = { name: 'S4', big: 'i8', flag: 'bool', v: 'u2', x: 'f4' };

describe('records written by the templates', () => {
  const { createBuffer } = useTemplateWorkers();

  /** Imports `events` in this process and returns the buffer (its stream has ended). */
  function importEvents(events: readonly unknown[]): RingBuffer {
    const raw = createBuffer('raw', { fields: FIELDS, dataLength: 2, slotCount: 8 });
    const importer = new Importer(new BufferIO({ name: 'w', sinks: [raw] }));
    importer.run(() => events as EventRecord[]);
    return raw;
  }

  it('fills fields from numbers, bigints, booleans, strings and arrays of any numeric kind', () => {
    const raw = importEvents([
      { name: 'ab', big: 7, flag: true, v: [1, 2], x: 0.5 },
      {
        name: ['wxyz+', 'q'],
        big: [1n, -2n],
        flag: [0, 1],
        v: new BigInt64Array([3n, 4n]),
        x: new Float64Array([1, 2]),
      },
    ]);
    const reader = new Reader(raw);
    const seen: unknown[] = [];
    for (let slot = reader.next(); slot !== null; slot = reader.next()) {
      const { data } = slot;
      seen.push({
        name: Buffer.from(data['name'] as Uint8Array).toString('latin1'),
        big: [...(data['big'] as BigInt64Array)],
        flag: [...(data['flag'] as Uint8Array)],
        v: [...(data['v'] as Uint16Array)],
        x: [...(data['x'] as Float32Array)],
        counter: slot.metadata.counter,
      });
    }
    expect(seen).toEqual([
      { name: 'ab\0\0ab\0\0', big: [7n, 7n], flag: [1, 1], v: [1, 2], x: [0.5, 0.5], counter: 0 },
      { name: 'wxyzq\0\0\0', big: [1n, -2n], flag: [0, 1], v: [3, 4], x: [1, 2], counter: 1 },
    ]);
  });

  const PREFIX = "worker 'w': an event of the Importer for buffer 'raw': ";
  const GOOD = { name: 'a', big: 1, flag: false, v: 1, x: 1 };
  it.each([
    [
      new Float32Array(2),
      'must be an object {field: value} with the fields name (|S4), big (<i8), flag (|b1), v (<u2), x (<f4), got a Float32Array',
    ],
    [
      { ...GOOD, extra: 1, more: 2 },
      "fields 'extra', 'more' not in the buffer (its fields: name (|S4), big (<i8), flag (|b1), v (<u2), x (<f4))",
    ],
    [{ ...GOOD, x: 'one' }, "field 'x' (<f4) needs numbers, got string 'one'"],
    [{ ...GOOD, big: Number.NaN }, "field 'big' (<i8) cannot hold NaN"],
    [
      { ...GOOD, v: { length: 'two' } },
      "field 'v' (<u2) must be a number or an array-like of 2 values, got an object (Object)",
    ],
    [
      { ...GOOD, name: [1, 2, 3] },
      "field 'name' (|S4) needs a string, 2 strings (data_length) or 8 bytes, got 3",
    ],
  ])('%o: UserFunctionError "%s"', (event, problem) => {
    expect(() => importEvents([event])).toThrow(
      expect.objectContaining({ name: 'UserFunctionError', message: PREFIX + problem }),
    );
  });

  it('names the element of a batch (an array the generator yielded) that is not an event', () => {
    const raw = createBuffer('raw', { fields: FIELDS, dataLength: 2, slotCount: 8 });
    const importer = new Importer(new BufferIO({ name: 'w', sinks: [raw] }));
    expect(() =>
      importer.run(function* () {
        yield [GOOD, 2.5] as unknown as EventRecord[];
      }),
    ).toThrow(
      expect.objectContaining({
        name: 'UserFunctionError',
        message: `${PREFIX}the generator yielded an array (a batch of events) whose element 1 must be an object {field: value} with the fields name (|S4), big (<i8), flag (|b1), v (<u2), x (<f4), got number 2.5`,
      }),
    );
  });
});
