// How far a buffer's readers trail: the lag (written, not yet taken) and the age of the events they
// take, sampled into the reader's process entry and read by control.
import { expect, it } from 'vitest';
import { AGE_BIN_EDGES, ageQuantile, Reader, RingBuffer, Writer } from '../../../src/buffer/index.js';
import { discardWaitingEvents } from '../../../src/buffer/discard.js';
import { BufferSampler } from '../../../src/control/stats/buffer-sampler.js';
import { useBufferDir } from '../../helpers/buffer-dir.js';
import { commitEvents } from '../../helpers/buffer-events.js';
import { RUNTIME_PYTHON, spawnFixture } from '../../helpers/implementations.js';
import { expectCleanExit, useProcessCleanup } from '../../helpers/processes.js';

const bufferDir = useBufferDir();
useProcessCleanup();

it('counts the events not yet taken as lag, and bins the age of those taken', () => {
  const buffer = RingBuffer.create(bufferDir(), {
    name: 'raw',
    slotCount: 64,
    dataLength: 1,
    fields: { x: 'f8' },
  });
  const writer = new Writer(buffer);
  const reader = new Reader(buffer);
  const sampler = new BufferSampler(true, 1, Date.now() / 1000);

  commitEvents(writer, 40, 0.05);
  for (let i = 0; i < 30; i++) expect(reader.next()).not.toBeNull();
  const snapshot = sampler.sample(buffer.stats(), Date.now() / 1000);
  expect(snapshot.lag).toBe(10);
  // The first event is always sampled; the stride then grows while events come fast.
  const bins = buffer.stats().ageBins;
  expect(bins.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(1);
  expect(bins.findIndex((n) => n > 0)).toBe(AGE_BIN_EDGES.indexOf(0.1)); // 30 ms < 50 ms ≤ 100 ms
  expect(snapshot.ageP50).toBeGreaterThan(0.03);
  expect(snapshot.ageP50).toBeLessThanOrEqual(0.1);

  for (let i = 0; i < 10; i++) expect(reader.next()).not.toBeNull();
  expect(sampler.sample(buffer.stats(), Date.now() / 1000).lag).toBe(0);
  reader.close();
  writer.close();
  buffer.remove();
});

it('does not count events control discarded as undeliverable as lag', () => {
  const buffer = RingBuffer.create(bufferDir(), {
    name: 'raw',
    slotCount: 16,
    dataLength: 1,
    fields: { x: 'f8' },
  });
  const writer = new Writer(buffer);
  const sampler = new BufferSampler(true, 1, Date.now() / 1000);
  commitEvents(writer, 12, 0);
  expect(sampler.sample(buffer.stats(), Date.now() / 1000).lag).toBe(12);
  expect(discardWaitingEvents(buffer)).toBe(12);
  const snapshot = sampler.sample(buffer.stats(), Date.now() / 1000);
  expect(snapshot.undeliverable).toBe(12);
  expect(snapshot.lag).toBe(0);
  writer.close();
  buffer.remove();
});

it('takes quantiles inside the bins, and null without samples', () => {
  const bins = new Array<number>(AGE_BIN_EDGES.length + 1).fill(0);
  expect(ageQuantile(bins, 0.5)).toBeNull();
  bins[AGE_BIN_EDGES.indexOf(1e-3)] = 99; // 99 samples in (300 µs, 1 ms]
  bins[AGE_BIN_EDGES.length] = 1; // one above 100 s
  const p50 = ageQuantile(bins, 0.5) as number;
  expect(p50).toBeGreaterThan(3e-4);
  expect(p50).toBeLessThanOrEqual(1e-3);
  expect(ageQuantile(bins, 0.99)).toBe(1e-3);
  expect(ageQuantile(bins, 1)).toBe(100);
});

it.skipIf(RUNTIME_PYTHON === undefined)('is sampled by a Python reader too, into the same bins', async () => {
  const buffer = RingBuffer.create(bufferDir(), {
    name: 'raw',
    slotCount: 64,
    dataLength: 8,
    fields: { writer: 'i4', seq: 'i4', x: 'f8' },
  });
  const writer = new Writer(buffer);
  commitEvents(writer, 40, 0.05);
  writer.close();
  const reader = spawnFixture('python', 'recovery/reader', [buffer.paths.file]);
  await expectCleanExit(reader);
  expect(reader.lines.filter((line) => line.startsWith('e '))).toHaveLength(40);
  const bins = buffer.stats().ageBins;
  expect(bins.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(1);
  // Taken at least 50 ms after they were stamped, within a second: none below 30 ms, none above 1 s.
  expect(bins.findIndex((n) => n > 0)).toBeGreaterThanOrEqual(AGE_BIN_EDGES.indexOf(0.1));
  expect(bins.findLastIndex((n) => n > 0)).toBeLessThanOrEqual(AGE_BIN_EDGES.indexOf(1));
  buffer.remove();
});
