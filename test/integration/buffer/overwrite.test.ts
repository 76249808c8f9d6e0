import { expect, it } from 'vitest';
import { RingBuffer } from '../../../src/index.js';
import { useBufferDir, useBuiltDist } from '../../helpers/buffer-dir.js';
import { EVENT_FIELDS, type ReaderSummary, type WrittenLine } from '../../helpers/buffer-events.js';
import {
  expectCleanExit,
  expectNoLeftovers,
  spawnNode,
  useProcessCleanup,
  waitForJsonLine,
  waitForLine,
} from '../../helpers/processes.js';

useBuiltDist();
useProcessCleanup();
const bufferDir = useBufferDir();

const SLOT_COUNT = 16;
const EVENTS = 500;

it('never blocks the writer without a reader, and a late reader drains the newest events', async () => {
  const dir = bufferDir();
  const buffer = RingBuffer.create(dir, {
    name: 'raw',
    slotCount: SLOT_COUNT,
    dataLength: 2,
    fields: EVENT_FIELDS,
    overwrite: true,
  });
  // No reader at all: a writer that blocked would never print 'written' and never exit.
  const writer = spawnNode('buffer/write-events.mjs', [buffer.paths.file, 0, EVENTS]);
  expect(await waitForJsonLine<WrittenLine>(writer, 'written')).toEqual({
    committed: EVENTS,
    acquireReturnedNull: false,
  });
  await expectCleanExit(writer);
  const afterWriting = buffer.stats();
  expect(afterWriting.written).toBe(afterWriting.read + afterWriting.overwritten + afterWriting.filled);
  expect(afterWriting).toMatchObject({
    written: EVENTS,
    read: 0,
    overwritten: EVENTS - SLOT_COUNT,
    filled: SLOT_COUNT,
    writing: 0,
    waitedSeconds: 0,
    ended: true,
  });

  const reader = spawnNode('buffer/read-events.mjs', [buffer.paths.file]);
  const summary = await waitForJsonLine<ReaderSummary>(reader, 'summary');
  await expectCleanExit(reader);
  // The oldest events were recycled; the newest SLOT_COUNT remain, in commit order.
  const newest = Array.from({ length: SLOT_COUNT }, (_, k) => EVENTS - SLOT_COUNT + k);
  expect(summary).toMatchObject({ events: SLOT_COUNT, corrupt: 0, seqs: { 0: newest } });
  const drained = buffer.stats();
  expect(drained.written).toBe(drained.read + drained.overwritten + drained.filled);
  expect(drained).toMatchObject({
    written: EVENTS,
    read: SLOT_COUNT,
    overwritten: EVENTS - SLOT_COUNT,
    free: SLOT_COUNT,
    filled: 0,
    reading: 0,
    staleTokens: 0,
  });
  buffer.remove();
  expectNoLeftovers(dir);
});

it('shares the filled slots between a running reader and the recycling writer without losing count', async () => {
  const dir = bufferDir();
  const buffer = RingBuffer.create(dir, {
    name: 'raw',
    slotCount: SLOT_COUNT,
    dataLength: 2,
    fields: EVENT_FIELDS,
    overwrite: true,
  });
  const reader = spawnNode('buffer/read-events.mjs', [buffer.paths.file]);
  await waitForLine(reader, /^ready$/);
  const writer = spawnNode('buffer/write-events.mjs', [buffer.paths.file, 0, EVENTS * 4]);
  await expectCleanExit(writer);
  const summary = await waitForJsonLine<ReaderSummary>(reader, 'summary');
  await expectCleanExit(reader);

  const seqs = summary.seqs[0] ?? [];
  // What the reader got is in commit order, once each; everything else was recycled.
  expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  expect(summary.corrupt).toBe(0);
  const stats = buffer.stats();
  expect(stats.written).toBe(stats.read + stats.overwritten + stats.filled);
  expect(stats).toMatchObject({
    written: EVENTS * 4,
    read: seqs.length,
    filled: 0,
    free: SLOT_COUNT,
    reading: 0,
  });
  buffer.remove();
  expectNoLeftovers(dir);
});
