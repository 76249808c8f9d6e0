import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../src/buffer/index.js';
import { BufferObserver } from '../../../src/index.js';
import { useBufferDir, useBuiltDist } from '../../helpers/buffer-dir.js';
import {
  describeChild,
  spawnNode,
  useProcessCleanup,
  waitForExit,
  waitForJsonLine,
  waitForLine,
} from '../../helpers/processes.js';

const FIELDS = { writer: 'i4', seq: 'i4', x: 'f8' };
const bufferDir = useBufferDir();
useBuiltDist();
useProcessCleanup();

interface ObserverSummary {
  seen: number;
  torn: number;
  repeats: number;
  counters: number[];
}

describe('an observer', () => {
  it('never disturbs the readers and never shows a torn or repeated record', async () => {
    const events = 20_000;
    // Two slots of 4096 f8: the writer refills the slot the observer is copying all the time, so a
    // copy without the seqlock check shows torn records (checked: 82 of them in one such run).
    const buffer = RingBuffer.create(bufferDir(), {
      name: 'raw',
      slotCount: 2,
      dataLength: 4096,
      fields: FIELDS,
    });
    const observer = spawnNode('recovery/observe.mjs', [buffer.paths.file]);
    await waitForLine(observer, /^ready$/);
    const readers = [0, 1].map(() => spawnNode('recovery/reader.mjs', [buffer.paths.file]));
    const writer = spawnNode('recovery/writer.mjs', [buffer.paths.file, 7, events]);
    for (const child of [writer, ...readers]) {
      expect(await waitForExit(child, 30_000), describeChild(child)).toEqual({ code: 0, signal: null });
    }
    const summary = await waitForJsonLine<ObserverSummary>(observer, 'summary', 10_000);

    const received = readers.flatMap((reader) => reader.lines.filter((line) => line.startsWith('e ')));
    const seqs = received.map((line) => Number(line.split(' ')[2])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: events }, (_, seq) => seq));
    expect(received.every((line) => line.endsWith(' 1'))).toBe(true);
    expect(summary.seen).toBeGreaterThan(0);
    expect({ torn: summary.torn, repeats: summary.repeats }).toEqual({ torn: 0, repeats: 0 });
    // One writer: the observed counters only grow.
    expect(
      summary.counters.every((counter, i) => i === 0 || counter > (summary.counters[i - 1] as number)),
    ).toBe(true);
    expect(buffer.stats()).toMatchObject({ written: events, read: events, free: 2 });
    buffer.remove();
  });

  it('sees the latest event of a full buffer and of a paused one, once', async () => {
    const buffer = RingBuffer.create(bufferDir(), {
      name: 'raw',
      slotCount: 4,
      dataLength: 8,
      fields: FIELDS,
    });
    // No reader: the writer fills all four slots and blocks; then a stop lets it go.
    const writer = spawnNode('recovery/writer.mjs', [buffer.paths.file, 1, 1000]);
    await waitForLine(writer, /^c 3$/);
    const observer = new BufferObserver(buffer);
    const latest = observer.latest();
    expect(latest?.data['seq']?.[0]).toBe(3);
    expect(observer.latest()).toBeNull();
    buffer.setPaused(true);
    expect(observer.latest()).toBeNull();
    buffer.requestStop();
    expect(await waitForExit(writer), describeChild(writer)).toEqual({ code: 0, signal: null });
    expect(observer.latest()).toBeNull();
    expect(buffer.stats()).toMatchObject({ written: 4, filled: 4 });
    buffer.remove();
  });
});
