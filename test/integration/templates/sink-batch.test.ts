import { readSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Reader, RingBuffer, Writer } from '../../../src/buffer/index.js';
import { MAX_BATCH_DELAY_MS, passOn, SinkBatch } from '../../../src/templates/pass-on.js';
import { useBufferDir } from '../../helpers/buffer-dir.js';

// A filter's loop in this process: events from `source` are passed on to `sink` with a SinkBatch,
// and the sink's `filled` FIFO (no reader of the sink runs) shows which commits were written.

const bufferDir = useBufferDir();
const SLOTS = 512; // inboxes of 128 tokens: every event of a test is waiting in the source's inbox
const spec = (name: string) => ({ name, slotCount: SLOTS, dataLength: 1, fields: { x: 'f8' } });
const opened: { close(): void }[] = [];

afterEach(() => {
  for (const item of opened.splice(0).reverse()) item.close();
});

function keep<T extends { close(): void }>(item: T): T {
  opened.push(item);
  return item;
}

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** A source with `events` committed events, a reader that has taken them, and a sink's writer. */
function makeFilterLoop(events: number) {
  const source = keep(RingBuffer.create(bufferDir(), spec('source')));
  const sink = keep(RingBuffer.create(bufferDir(), spec('sink')));
  const importer = keep(new Writer(keep(RingBuffer.open(source.file.path))));
  for (let i = 0; i < events; i++) {
    const slot = importer.acquire();
    if (slot === null) throw new Error('the source asked its writer to stop');
    slot.metadata.set3(i, 0, 0);
    importer.commit();
  }
  importer.flush();
  const reader = keep(new Reader(keep(RingBuffer.open(source.file.path))));
  const writer = keep(new Writer(keep(RingBuffer.open(sink.file.path))));
  const batch = new SinkBatch(reader, [writer]);
  const fd = sink.pipe('filled').nonBlocking;
  const bytes = Buffer.alloc(4 * SLOTS);
  let written = 0;
  return {
    /** Passes the next event on, spending `stepMs` in it, then lets the batch decide. */
    step(stepMs = 0): void {
      const event = reader.next();
      if (event === null) throw new Error('the source ended early');
      passOn(writer, event);
      if (stepMs > 0) busyWait(stepMs);
      batch.afterEvent(false);
    },
    /** How many of the sink's commits are in its `filled` FIFO so far. */
    written(): number {
      for (;;) {
        try {
          const count = readSync(fd, bytes, 0, bytes.length, null);
          if (count === 0) return written;
          written += count / 4;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return written;
          throw error;
        }
      }
    },
  };
}

describe('SinkBatch', () => {
  it('writes a slow step’s commit at once, with events still waiting in the source', () => {
    const loop = makeFilterLoop(10);
    loop.step(2);
    expect(loop.written()).toBe(1);
    loop.step(2);
    expect(loop.written()).toBe(2);
  });

  it('after fast steps, sees the first slow step within 8 steps and writes what it held', () => {
    const loop = makeFilterLoop(120);
    let steps = 0;
    for (; steps < 80; steps++) loop.step();
    const firstSlow = steps + 1;
    while (loop.written() < firstSlow) {
      expect(steps - firstSlow, 'slow steps after the first one before its commit was written').toBeLessThan(
        8,
      );
      loop.step(1.5);
      steps++;
    }
  });

  it(`writes a batch of steps that are neither fast nor slow after ${MAX_BATCH_DELAY_MS} ms`, () => {
    const loop = makeFilterLoop(120);
    // Cold code may make the first steps slow; after fast ones, the first look at the clock
    // sees more than a millisecond since the last one and writes what was held.
    for (let i = 0; i < 10; i++) loop.step();
    let steps = 0;
    const writeAfterSteps = (): void => {
      const before = loop.written();
      while (loop.written() === before) {
        expect(steps, 'steps of 0.4 ms without a write').toBeLessThan(100);
        loop.step(0.4);
        steps++;
      }
    };
    writeAfterSteps();
    const first = steps;
    writeAfterSteps();
    // 50 steps are 20 ms; the source still has events waiting.
    expect(steps - first, 'steps of 0.4 ms from one write to the next').toBeLessThanOrEqual(60);
  });
});
