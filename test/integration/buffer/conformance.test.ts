// The protocol's two implementations (src/buffer in TypeScript, python/mimocorb2/_buffer.py) on
// the same buffer file: counts and end of stream with two writers and two readers, observers that
// never see a torn event, and slot generations past 2^29 (the slot word's sign bit) and past 2^30
// (the wrap). The crash-recovery suite (test/integration/recovery) runs the same pairs.
import { describe, expect, it } from 'vitest';
import { RingBuffer, reclaimDeadProcess } from '../../../src/buffer/index.js';
import { SlotWord } from '../../../src/buffer/shared-state.js';
import { makeToken, readTokens } from '../../../src/buffer/token-pipe.js';
import { useBufferDir, useBuiltDist } from '../../helpers/buffer-dir.js';
import { IMPLEMENTATION_PAIRS, spawnFixture } from '../../helpers/implementations.js';
import { describeChild, useProcessCleanup, waitForExit, type TrackedChild } from '../../helpers/processes.js';

const FIELDS = { writer: 'i4', seq: 'i4', x: 'f8' };
const bufferDir = useBufferDir();
useBuiltDist();
useProcessCleanup();

/** `writer:seq` → how often the readers printed it, and how many were not intact. */
function delivered(readers: readonly TrackedChild[]): { counts: Map<string, number>; torn: number } {
  const counts = new Map<string, number>();
  let torn = 0;
  for (const reader of readers)
    for (const line of reader.lines) {
      const [tag, writer, seq, intact] = line.split(' ');
      if (tag !== 'e') continue;
      counts.set(`${writer}:${seq}`, (counts.get(`${writer}:${seq}`) ?? 0) + 1);
      if (intact !== '1') torn++;
    }
  return { counts, torn };
}

function notExactlyOnce(counts: Map<string, number>, writers: readonly number[], events: number): string[] {
  const problems: string[] = [];
  for (const writer of writers)
    for (let seq = 0; seq < events; seq++) {
      const count = counts.get(`${writer}:${seq}`) ?? 0;
      if (count !== 1) problems.push(`${writer}:${seq} delivered ${count} times`);
    }
  return problems;
}

/** Runs writers and readers to the end of stream, playing control's reclaim as each exits. */
async function runToEnd(buffer: RingBuffer, writers: TrackedChild[], readers: TrackedChild[]): Promise<void> {
  for (const child of [...writers, ...readers]) {
    expect(await waitForExit(child, 30_000), describeChild(child)).toEqual({ code: 0, signal: null });
    reclaimDeadProcess(buffer, child.pid, writers.includes(child));
  }
  for (const reader of readers) expect(reader.lines.at(-1), describeChild(reader)).toBe('end');
}

/** Puts slot i at generation gens[i] (free), with its token on `empty` (replacing the generation-0 one). */
function setGenerations(buffer: RingBuffer, gens: readonly number[]): void {
  const { file } = buffer;
  const drained = Buffer.alloc(4 * gens.length);
  expect(readTokens(buffer.pipe('empty').nonBlocking, drained, 0, gens.length)).toBe(gens.length);
  gens.forEach((gen, slot) => Atomics.store(file.i32, file.slotWord(slot, SlotWord.WORD), (gen << 2) | 0));
  buffer.writeControlTokens(
    'empty',
    gens.map((gen, slot) => makeToken(slot, gen)),
  );
}

describe.each(IMPLEMENTATION_PAIRS)('$name', ({ writer: writerImpl, reader: readerImpl }) => {
  it('two writers, two readers: every event exactly once, intact, and the stream ends', async () => {
    const buffer = RingBuffer.create(bufferDir(), {
      name: 'raw',
      slotCount: 16,
      dataLength: 8,
      fields: FIELDS,
      writers: 2,
    });
    const readers = [0, 1].map(() => spawnFixture(readerImpl, 'recovery/reader', [buffer.paths.file]));
    const writers = [1, 2].map((id) =>
      spawnFixture(writerImpl, 'recovery/writer', [buffer.paths.file, id, 3000]),
    );
    await runToEnd(buffer, writers, readers);
    const { counts, torn } = delivered(readers);
    const stats = buffer.stats();
    buffer.remove();
    expect(notExactlyOnce(counts, [1, 2], 3000).slice(0, 10)).toEqual([]);
    expect(torn).toBe(0);
    expect(stats).toMatchObject({
      written: 6000,
      read: 6000,
      redelivered: 0,
      staleTokens: 0,
      free: 16,
      ended: true,
      openWriters: 0,
    });
  });

  it('an observer of the other implementation sees only intact events, none twice, the last one included', async () => {
    const buffer = RingBuffer.create(bufferDir(), {
      name: 'raw',
      slotCount: 8,
      dataLength: 512,
      fields: FIELDS,
    });
    // The observer is of the reader's implementation, watching the writer's slots.
    const observer = spawnFixture(readerImpl, 'recovery/observe', [buffer.paths.file]);
    const reader = spawnFixture(readerImpl, 'recovery/reader', [buffer.paths.file]);
    const writer = spawnFixture(writerImpl, 'recovery/writer', [buffer.paths.file, 1, 5000]);
    await runToEnd(buffer, [writer], [reader]);
    expect(await waitForExit(observer, 30_000), describeChild(observer)).toEqual({ code: 0, signal: null });
    buffer.remove();
    const summaryLine = observer.lines.find((line) => line.startsWith('summary '));
    const summary = JSON.parse(summaryLine?.slice('summary '.length) ?? 'null') as {
      seen: number;
      torn: number;
      repeats: number;
      counters: number[];
    };
    expect(summary.seen).toBeGreaterThanOrEqual(1);
    expect({ torn: summary.torn, repeats: summary.repeats }).toEqual({ torn: 0, repeats: 0 });
    expect(summary.counters.at(-1), 'the last commit is seen').toBe(4999);
    expect(summary.counters.every((c, i) => i === 0 || c > (summary.counters[i - 1] as number))).toBe(true);
  });

  it('slot generations past 2^29 (negative slot words) and past 2^30 (wrapping to 0): nothing is lost or stale', async () => {
    const buffer = RingBuffer.create(bufferDir(), {
      name: 'raw',
      slotCount: 8,
      dataLength: 4,
      fields: FIELDS,
    });
    setGenerations(buffer, [
      2 ** 29 - 2,
      2 ** 29 - 1,
      2 ** 29 - 3,
      2 ** 29 - 2,
      2 ** 30 - 2,
      2 ** 30 - 1,
      2 ** 30 - 3,
      2 ** 30 - 2,
    ]);
    const reader = spawnFixture(readerImpl, 'recovery/reader', [buffer.paths.file]);
    const writer = spawnFixture(writerImpl, 'recovery/writer', [buffer.paths.file, 1, 2000]);
    await runToEnd(buffer, [writer], [reader]);
    const { counts, torn } = delivered([reader]);
    const stats = buffer.stats();
    const gens = Array.from(
      { length: 8 },
      (_, slot) => Atomics.load(buffer.file.i32, buffer.file.slotWord(slot, SlotWord.WORD)) >>> 2,
    );
    buffer.remove();
    expect(notExactlyOnce(counts, [1], 2000).slice(0, 10)).toEqual([]);
    expect(torn).toBe(0);
    expect(stats).toMatchObject({ written: 2000, read: 2000, staleTokens: 0, free: 8 });
    // 250 writes per slot: the first four crossed 2^29, the last four wrapped past 2^30 to small numbers.
    expect(gens.slice(0, 4).every((gen) => gen > 2 ** 29)).toBe(true);
    expect(gens.slice(4).every((gen) => gen < 1000)).toBe(true);
  });
});
