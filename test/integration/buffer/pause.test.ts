import { expect, it } from 'vitest';
import { RingBuffer } from '../../../src/index.js';
import { useBufferDir, useBuiltDist } from '../../helpers/buffer-dir.js';
import { EVENT_FIELDS, type ReaderSummary } from '../../helpers/buffer-events.js';
import {
  askJson,
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

const SLOT_COUNT = 16;
// More than the buffer holds: if a paused write entered the buffer, the writer would block.
const PAUSED_EVENTS = 3 * SLOT_COUNT;
const FLOWING_EVENTS = 40;

interface WroteLine {
  readonly committed: number;
  readonly returnedNull: number;
}

it('discards writes while paused and lets events flow again after resuming', async () => {
  const dir = bufferDir();
  const buffer = RingBuffer.create(dir, {
    name: 'raw',
    slotCount: SLOT_COUNT,
    dataLength: 1,
    fields: EVENT_FIELDS,
  });
  const reader = spawnNode('buffer/read-events.mjs', [buffer.paths.file]);
  const writer = spawnNode('buffer/write-on-command.mjs', [buffer.paths.file, 0]);
  await Promise.all([waitForLine(reader, /^ready$/), waitForLine(writer, /^ready$/)]);

  buffer.setPaused(true);
  expect(await askJson<WroteLine>(writer, `write ${PAUSED_EVENTS}`, 'wrote')).toEqual({
    committed: PAUSED_EVENTS,
    returnedNull: 0,
  });
  // The reader waits for a token; none came.
  await waitUntilBlockedInPipeRead([reader]);
  expect(buffer.stats()).toMatchObject({
    paused: true,
    discarded: PAUSED_EVENTS,
    written: 0,
    read: 0,
    free: SLOT_COUNT,
    filled: 0,
    writing: 0,
  });

  buffer.setPaused(false);
  expect(await askJson<WroteLine>(writer, `write ${FLOWING_EVENTS}`, 'wrote')).toEqual({
    committed: PAUSED_EVENTS + FLOWING_EVENTS,
    returnedNull: 0,
  });
  await waitFor(
    () => buffer.stats().read === FLOWING_EVENTS,
    `the reader to take the ${FLOWING_EVENTS} events written after resuming`,
    DEFAULT_DEADLINE_MS,
    () => buffer.stats(),
  );
  writer.send('close');
  await expectCleanExit(writer);
  const summary = await waitForJsonLine<ReaderSummary>(reader, 'summary');
  await expectCleanExit(reader);

  // Sequence numbers 0..PAUSED_EVENTS-1 were written while paused: none of them arrived.
  const flowing = Array.from({ length: FLOWING_EVENTS }, (_, k) => PAUSED_EVENTS + k);
  expect(summary).toMatchObject({ events: FLOWING_EVENTS, corrupt: 0, seqs: { 0: flowing } });
  expect(buffer.stats()).toMatchObject({
    paused: false,
    discarded: PAUSED_EVENTS,
    written: FLOWING_EVENTS,
    read: FLOWING_EVENTS,
    free: SLOT_COUNT,
    filled: 0,
    reading: 0,
    writing: 0,
    ended: true,
  });
  buffer.remove();
  expectNoLeftovers(dir);
});
