import { expect, it } from 'vitest';
import { Reader, RingBuffer, Writer } from '../../../src/index.js';
import { useBufferDir, useBuiltDist } from '../../helpers/buffer-dir.js';
import {
  commitEvents,
  EVENT_FIELDS,
  type ReaderSummary,
  type WrittenLine,
} from '../../helpers/buffer-events.js';
import {
  DEFAULT_DEADLINE_MS,
  expectCleanExit,
  expectNoLeftovers,
  spawnNode,
  useProcessCleanup,
  waitFor,
  waitForJsonLine,
  waitForLine,
} from '../../helpers/processes.js';

// poll()/waitForEvents() and tryAcquire()/waitForSlot(): the same protocol as next() and
// acquire(), but the waiting happens in libuv's thread pool while the event loop runs.

useBuiltDist();
useProcessCleanup();
const bufferDir = useBufferDir();

const EVENTS_PER_WRITER = 3000;

it('delivers every event once between asynchronous and blocking writers and readers', async () => {
  const dir = bufferDir();
  // Few slots, so that writers wait for free ones and readers for filled ones.
  const buffer = RingBuffer.create(dir, {
    name: 'raw',
    slotCount: 8,
    dataLength: 4,
    fields: EVENT_FIELDS,
    writers: 2,
  });
  const asyncReader = spawnNode('buffer/read-events.mjs', [buffer.paths.file, '--async']);
  const blockingReader = spawnNode('buffer/read-events.mjs', [buffer.paths.file]);
  await Promise.all([asyncReader, blockingReader].map((child) => waitForLine(child, /^ready$/)));
  const writers = [
    spawnNode('buffer/write-events.mjs', [buffer.paths.file, 0, EVENTS_PER_WRITER, '--async']),
    spawnNode('buffer/write-events.mjs', [buffer.paths.file, 1, EVENTS_PER_WRITER]),
  ];
  const written = await waitForJsonLine<WrittenLine>(writers[0]!, 'written');
  expect(written).toEqual({ committed: EVENTS_PER_WRITER, acquireReturnedNull: false });
  await Promise.all(writers.map((writer) => expectCleanExit(writer)));
  const summaries = await Promise.all(
    [asyncReader, blockingReader].map((reader) => waitForJsonLine<ReaderSummary>(reader, 'summary')),
  );
  await Promise.all([asyncReader, blockingReader].map((reader) => expectCleanExit(reader)));

  const everySeq = Array.from({ length: EVENTS_PER_WRITER }, (_, seq) => seq);
  for (const writer of [0, 1]) {
    const seqs = summaries.flatMap((summary) => summary.seqs[writer] ?? []).sort((a, b) => a - b);
    expect(seqs, `events of writer ${writer}`).toEqual(everySeq);
  }
  expect(summaries.map((summary) => summary.corrupt)).toEqual([0, 0]);
  expect(summaries[0]!.events, 'events the asynchronous reader took').toBeGreaterThan(0);
  expect(buffer.stats()).toMatchObject({
    written: 2 * EVENTS_PER_WRITER,
    read: 2 * EVENTS_PER_WRITER,
    free: 8,
    staleTokens: 0,
    ended: true,
    openWriters: 0,
  });
  buffer.remove();
  expectNoLeftovers(dir);
});

it.each(['poll', 'pollBriefly'] as const)(
  '%s alone, never waitForEvents(), ends the stream once another reader has let go of its last event',
  (method) => {
    // One token per read (4 slots): each reader takes one event at a time.
    const buffer = RingBuffer.create(bufferDir(), {
      name: 'raw',
      slotCount: 4,
      dataLength: 1,
      fields: { x: 'f8' },
    });
    const writer = new Writer(buffer);
    commitEvents(writer, 2);
    writer.close();
    const holder = new Reader(buffer);
    expect(holder.next(), 'the first event, held').not.toBeNull();
    const polling = new Reader(buffer);
    const poll = () => (method === 'poll' ? polling.poll() : polling.pollBriefly());
    expect(poll(), 'the second event').toBeTruthy();
    // The end, while the holder still reads: events may come back from it, so it backs off.
    expect(poll()).toBeUndefined();
    expect(holder.next(), 'the holder lets go and sees the end').toBeNull();
    const deadline = performance.now() + 2000;
    let result = poll();
    let calls = 1;
    while (result === undefined && performance.now() < deadline) {
      result = poll();
      calls++;
    }
    expect(result, `after ${calls} calls`).toBeNull();
    expect(buffer.stats()).toMatchObject({ written: 2, read: 2, ended: true });
    buffer.remove();
  },
);

it('delivers every event once with brief blocking waits (pollBriefly, acquireBriefly), wake tokens uncounted', async () => {
  const dir = bufferDir();
  const buffer = RingBuffer.create(dir, {
    name: 'raw',
    slotCount: 8,
    dataLength: 4,
    fields: EVENT_FIELDS,
    writers: 2,
  });
  const readers = [
    spawnNode('buffer/read-events.mjs', [buffer.paths.file, '--brief']),
    spawnNode('buffer/read-events.mjs', [buffer.paths.file]),
  ];
  await Promise.all(readers.map((child) => waitForLine(child, /^ready$/)));
  const writers = [
    spawnNode('buffer/write-events.mjs', [buffer.paths.file, 0, EVENTS_PER_WRITER, '--brief']),
    spawnNode('buffer/write-events.mjs', [buffer.paths.file, 1, EVENTS_PER_WRITER]),
  ];
  await Promise.all(writers.map((writer) => expectCleanExit(writer)));
  const summaries = await Promise.all(
    readers.map((reader) => waitForJsonLine<ReaderSummary>(reader, 'summary')),
  );
  await Promise.all(readers.map((reader) => expectCleanExit(reader)));
  for (const writer of [0, 1]) {
    const seqs = summaries.flatMap((summary) => summary.seqs[writer] ?? []).sort((a, b) => a - b);
    expect(seqs, `events of writer ${writer}`).toEqual(
      Array.from({ length: EVENTS_PER_WRITER }, (_, seq) => seq),
    );
  }
  expect(summaries.map((summary) => summary.corrupt)).toEqual([0, 0]);
  // A wake token that ends a brief wait is no event and no stale token, whoever takes it.
  expect(buffer.stats()).toMatchObject({
    written: 2 * EVENTS_PER_WRITER,
    read: 2 * EVENTS_PER_WRITER,
    staleTokens: 0,
    ended: true,
  });
  buffer.remove();
  expectNoLeftovers(dir);
});

it('keeps the event loop of an asynchronous reader running while it waits for events', async () => {
  const dir = bufferDir();
  const buffer = RingBuffer.create(dir, { name: 'raw', slotCount: 8, dataLength: 4, fields: EVENT_FIELDS });
  const reader = spawnNode('buffer/read-events.mjs', [buffer.paths.file, '--async']);
  await waitForLine(reader, /^ready$/);
  // Nothing is written for a while; then one writer writes a little and ends the stream.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const writer = spawnNode('buffer/write-events.mjs', [buffer.paths.file, 0, 5]);
  await expectCleanExit(writer);
  const summary = await waitForJsonLine<ReaderSummary>(reader, 'summary');
  await expectCleanExit(reader);
  expect(summary).toMatchObject({ events: 5, corrupt: 0, seqs: { 0: [0, 1, 2, 3, 4] } });
  // The 5 ms timer fired while the reader waited at least 300 ms in the pipe read.
  expect(summary.ticks, 'timer ticks while the reader waited').toBeGreaterThan(10);
  buffer.remove();
  expectNoLeftovers(dir);
});

it('wakes an asynchronous writer that waits for a free slot when a stop is requested', async () => {
  const dir = bufferDir();
  const buffer = RingBuffer.create(dir, { name: 'raw', slotCount: 8, dataLength: 2, fields: EVENT_FIELDS });
  const writer = spawnNode('buffer/write-events.mjs', [buffer.paths.file, 0, 'forever', '--async']);
  await waitFor(
    () => buffer.stats().filled === 8,
    'the writer to fill every slot',
    DEFAULT_DEADLINE_MS,
    () => buffer.stats(),
  );
  buffer.requestStop();
  const written = await waitForJsonLine<WrittenLine>(writer, 'written');
  expect(written).toEqual({ committed: 8, acquireReturnedNull: true });
  await expectCleanExit(writer);
  expect(buffer.stats()).toMatchObject({ written: 8, filled: 8, writing: 0, ended: true, openWriters: 0 });
  buffer.remove();
  expectNoLeftovers(dir);
});
