import { expect, it } from 'vitest';
import { RingBuffer } from '../../../src/index.js';
import { useBufferDir, useBuiltDist } from '../../helpers/buffer-dir.js';
import { EVENT_FIELDS, type ReaderSummary, type WrittenLine } from '../../helpers/buffer-events.js';
import {
  DEFAULT_DEADLINE_MS,
  expectCleanExit,
  expectNoLeftovers,
  spawnNode,
  useProcessCleanup,
  waitFor,
  waitForJsonLine,
  waitForLine,
  waitUntilBlockedInPipeRead,
} from '../../helpers/processes.js';

useBuiltDist();
useProcessCleanup();
const bufferDir = useBufferDir();

const SLOT_COUNT = 8;

it('wakes a writer blocked on a full buffer when a stop is requested, and loses nothing it wrote', async () => {
  const dir = bufferDir();
  const buffer = RingBuffer.create(dir, {
    name: 'raw',
    slotCount: SLOT_COUNT,
    dataLength: 2,
    fields: EVENT_FIELDS,
  });
  // No reader: the writer fills every slot, then blocks waiting for a free one.
  const writer = spawnNode('buffer/write-events.mjs', [buffer.paths.file, 0, 'forever']);
  await waitFor(
    () => buffer.stats().filled === SLOT_COUNT,
    'the writer to fill every slot',
    DEFAULT_DEADLINE_MS,
    () => buffer.stats(),
  );
  await waitUntilBlockedInPipeRead([writer]);
  expect(buffer.stats()).toMatchObject({ written: SLOT_COUNT, free: 0, stopRequested: false, ended: false });

  buffer.requestStop();
  const written = await waitForJsonLine<WrittenLine>(writer, 'written');
  expect(written).toEqual({ committed: SLOT_COUNT, acquireReturnedNull: true });
  await expectCleanExit(writer);
  expect(buffer.stats()).toMatchObject({
    written: SLOT_COUNT,
    filled: SLOT_COUNT,
    writing: 0,
    stopRequested: true,
    ended: true,
    openWriters: 0,
  });

  // A reader that comes afterwards gets every committed event, in order, then end of stream.
  const reader = spawnNode('buffer/read-events.mjs', [buffer.paths.file]);
  const summary = await waitForJsonLine<ReaderSummary>(reader, 'summary');
  await expectCleanExit(reader);
  expect(summary).toMatchObject({
    events: SLOT_COUNT,
    corrupt: 0,
    seqs: { 0: Array.from({ length: SLOT_COUNT }, (_, seq) => seq) },
  });
  expect(buffer.stats()).toMatchObject({
    written: SLOT_COUNT,
    read: SLOT_COUNT,
    free: SLOT_COUNT,
    filled: 0,
    reading: 0,
    writing: 0,
  });
  buffer.remove();
  expectNoLeftovers(dir);
});

it('stops a writer before its first event without blocking it', async () => {
  const dir = bufferDir();
  const buffer = RingBuffer.create(dir, {
    name: 'raw',
    slotCount: SLOT_COUNT,
    dataLength: 1,
    fields: EVENT_FIELDS,
  });
  buffer.requestStop();
  const writer = spawnNode('buffer/write-events.mjs', [buffer.paths.file, 0, 'forever']);
  await waitForLine(writer, /^ready$/);
  expect(await waitForJsonLine<WrittenLine>(writer, 'written')).toEqual({
    committed: 0,
    acquireReturnedNull: true,
  });
  await expectCleanExit(writer);
  expect(buffer.stats()).toMatchObject({ written: 0, free: SLOT_COUNT, ended: true, openWriters: 0 });
  buffer.remove();
  expectNoLeftovers(dir);
});
