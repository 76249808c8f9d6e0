import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../src/index.js';
import { useBufferDir, useBuiltDist } from '../../helpers/buffer-dir.js';
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
  type TrackedChild,
} from '../../helpers/processes.js';
import { EVENT_FIELDS, type ReaderSummary } from '../../helpers/buffer-events.js';

useBuiltDist();
useProcessCleanup();
const bufferDir = useBufferDir();

const EVENTS_PER_WRITER = 1500;

async function startAll(children: TrackedChild[]): Promise<void> {
  await Promise.all(children.map((child) => waitForLine(child, /^ready$/)));
}

describe.each([
  { writers: 1, readers: 1, slotCount: 16 },
  { writers: 2, readers: 1, slotCount: 16 },
  { writers: 1, readers: 2, slotCount: 128 },
  { writers: 3, readers: 3, slotCount: 16 },
  { writers: 3, readers: 3, slotCount: 128 },
])('$writers writers x $readers readers, $slotCount slots', ({ writers, readers, slotCount }) => {
  it('delivers every event exactly once, in each writer order, and ends only after the last writer', async () => {
    const dir = bufferDir();
    const buffer = RingBuffer.create(dir, {
      name: 'raw',
      slotCount,
      dataLength: 4,
      fields: EVENT_FIELDS,
      writers,
    });
    const readerProcs = Array.from({ length: readers }, () =>
      spawnNode('buffer/read-events.mjs', [buffer.paths.file]),
    );
    await startAll(readerProcs);
    // Writer 0 closes only when told to, so the test can check that no reader ends before it.
    const lastWriter = spawnNode('buffer/write-events.mjs', [
      buffer.paths.file,
      0,
      EVENTS_PER_WRITER,
      '--close-on-stdin',
    ]);
    const otherWriters = Array.from({ length: writers - 1 }, (_, k) =>
      spawnNode('buffer/write-events.mjs', [buffer.paths.file, k + 1, EVENTS_PER_WRITER]),
    );
    const total = writers * EVENTS_PER_WRITER;

    await Promise.all(otherWriters.map((writer) => expectCleanExit(writer)));
    await waitForLine(lastWriter, /^written /);
    await waitFor(
      () => buffer.stats().read === total,
      `readers to take all ${total} events`,
      DEFAULT_DEADLINE_MS,
      () => buffer.stats(),
    );
    // Blocked in a pipe read with nothing left: each reader has decided not to end.
    await waitUntilBlockedInPipeRead(readerProcs);
    expect(buffer.stats()).toMatchObject({ ended: false, openWriters: 1 });

    lastWriter.send('close');
    const closing = await waitForJsonLine<{ at: number }>(lastWriter, 'closing');
    await expectCleanExit(lastWriter);
    const summaries = await Promise.all(
      readerProcs.map((reader) => waitForJsonLine<ReaderSummary>(reader, 'summary')),
    );
    await Promise.all(readerProcs.map((reader) => expectCleanExit(reader)));

    const received = new Map<number, number[]>();
    for (const summary of summaries) {
      expect(summary.corrupt).toBe(0);
      expect(summary.endedAt).toBeGreaterThanOrEqual(closing.at);
      for (const [writer, seqs] of Object.entries(summary.seqs)) {
        // Each reader sees a writer's events in the order they were written.
        expect(seqs, `writer ${writer}'s order in one reader`).toEqual([...seqs].sort((a, b) => a - b));
        received.set(Number(writer), [...(received.get(Number(writer)) ?? []), ...seqs]);
      }
    }
    const everySeq = Array.from({ length: EVENTS_PER_WRITER }, (_, seq) => seq);
    for (let writer = 0; writer < writers; writer++) {
      expect(
        received.get(writer)?.sort((a, b) => a - b),
        `events of writer ${writer}`,
      ).toEqual(everySeq);
    }
    expect([...received.keys()].sort()).toEqual(Array.from({ length: writers }, (_, writer) => writer));
    // One event counter per buffer, shared by all writer processes.
    const counters = summaries.flatMap((summary) => summary.counters).sort((a, b) => a - b);
    expect(counters).toEqual(Array.from({ length: total }, (_, counter) => counter));

    expect(buffer.stats()).toMatchObject({
      written: total,
      read: total,
      free: slotCount,
      filled: 0,
      reading: 0,
      writing: 0,
      discarded: 0,
      overwritten: 0,
      staleTokens: 0,
      ended: true,
      openWriters: 0,
    });
    buffer.remove();
    expectNoLeftovers(dir);
  });
});
