import { describe, expect, it } from 'vitest';
import { reclaimDeadProcess, RingBuffer } from '../../../src/buffer/index.js';
import { useBufferDir, useBuiltDist } from '../../helpers/buffer-dir.js';
import { IMPLEMENTATION_PAIRS, spawnFixture } from '../../helpers/implementations.js';
import {
  describeChild,
  spawnTracked,
  useProcessCleanup,
  waitForExit,
  waitForLine,
  type TrackedChild,
} from '../../helpers/processes.js';

// The test process plays control: it creates the buffer and, whenever a child exits, returns the
// child's slots with reclaimDeadProcess, as the supervisor does in a run. The writers and readers
// are the TypeScript or the Python implementation of the protocol, or one of each (conformance).

const FIELDS = { writer: 'i4', seq: 'i4', x: 'f8' };
const bufferDir = useBufferDir();
useBuiltDist();
useProcessCleanup();

interface Delivery {
  /** How often each `writer:seq` was printed by a reader. */
  readonly counts: Map<string, number>;
  torn: number;
}

function collect(child: TrackedChild, delivery: Delivery): void {
  void child.exited.then(() => {
    for (const line of child.lines) {
      const [tag, writer, seq, intact] = line.split(' ');
      if (tag !== 'e') continue;
      const key = `${writer}:${seq}`;
      delivery.counts.set(key, (delivery.counts.get(key) ?? 0) + 1);
      if (intact !== '1') delivery.torn++;
    }
  });
}

/** A small deterministic random generator, so a failing run can be repeated from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function expectEveryEventOnce(delivery: Delivery, writer: number, seqs: Iterable<number>): void {
  const problems: string[] = [];
  for (const seq of seqs) {
    const count = delivery.counts.get(`${writer}:${seq}`) ?? 0;
    if (count !== 1) problems.push(`${writer}:${seq} delivered ${count} times`);
  }
  expect(problems.slice(0, 10), `${problems.length} events not delivered exactly once`).toEqual([]);
}

describe.each(IMPLEMENTATION_PAIRS)('$name', ({ writer: writerImpl, reader: readerImpl }) => {
  const spawnReader = (args: readonly (string | number)[]) =>
    spawnFixture(readerImpl, 'recovery/reader', args);
  const spawnWriter = (args: readonly (string | number)[]) =>
    spawnFixture(writerImpl, 'recovery/writer', args);

  // Each Python process starts in ~0.1 s, and 20 die per seed: fewer seeds where Python takes part.
  const seeds =
    writerImpl === 'ts' && readerImpl === 'ts' ? [1, 2, 3, 4, 5] : writerImpl === readerImpl ? [1, 2] : [3];

  describe('a reader killed with SIGKILL', () => {
    it.each(seeds)('loses no event (seed %i)', async (seed) => {
      await killReadersUntilTheEnd(spawnReader, spawnWriter, seed);
    });
  });

  describe('a writer that dies', () => {
    it('mid-write: its half-written slot is freed, never delivered, and the other writer ends the stream', async () => {
      const buffer = RingBuffer.create(bufferDir(), {
        name: 'raw',
        slotCount: 8,
        dataLength: 64,
        fields: FIELDS,
        writers: 2,
      });
      const delivery: Delivery = { counts: new Map(), torn: 0 };
      const reader = spawnReader([buffer.paths.file]);
      collect(reader, delivery);
      const dying = spawnWriter([buffer.paths.file, 1, 2000, 'mid-write:500']);
      const living = spawnWriter([buffer.paths.file, 2, 2000]);
      expect((await waitForExit(dying, 20_000)).signal).toBe('SIGKILL');
      const report = reclaimDeadProcess(buffer, dying.pid, true);
      expect(report.writersClosed).toBe(1);
      expect(report.freed).toBeGreaterThanOrEqual(1);
      await waitForExit(living, 20_000);
      reclaimDeadProcess(buffer, living.pid, true);
      expect(await waitForExit(reader, 20_000), describeChild(reader)).toEqual({ code: 0, signal: null });

      const stats = buffer.stats();
      buffer.remove();
      expectEveryEventOnce(
        delivery,
        1,
        Array.from({ length: 500 }, (_, seq) => seq),
      );
      expectEveryEventOnce(
        delivery,
        2,
        Array.from({ length: 2000 }, (_, seq) => seq),
      );
      expect(delivery.counts.has('1:500')).toBe(false);
      expect(delivery.torn).toBe(0);
      expect(stats).toMatchObject({ written: 2500, read: 2500, free: 8, ended: true, openWriters: 0 });
    });

    it('before it finished, or before it even opened the buffer: the stream still ends when the others are done', async () => {
      const buffer = RingBuffer.create(bufferDir(), {
        name: 'raw',
        slotCount: 8,
        dataLength: 4,
        fields: FIELDS,
        writers: 4,
      });
      const delivery: Delivery = { counts: new Map(), torn: 0 };
      const readers = [0, 1].map(() => spawnReader([buffer.paths.file]));
      for (const reader of readers) collect(reader, delivery);
      const killed = spawnWriter([buffer.paths.file, 1, 1_000_000]);
      const neverAttached = spawnTracked(process.execPath, ['-e', 'process.exit(3)'], 'dies-at-once');
      const others = [2, 3].map((id) => spawnWriter([buffer.paths.file, id, 3000]));

      await waitForLine(killed, /^c 200$/);
      killed.process.kill('SIGKILL');
      await waitForExit(killed);
      reclaimDeadProcess(buffer, killed.pid, true);
      await waitForExit(neverAttached);
      expect(reclaimDeadProcess(buffer, neverAttached.pid, true).writersClosed).toBe(1);
      for (const writer of others) {
        await waitForExit(writer, 20_000);
        reclaimDeadProcess(buffer, writer.pid, true);
      }
      for (const reader of readers) {
        expect(await waitForExit(reader, 20_000), describeChild(reader)).toEqual({ code: 0, signal: null });
      }

      const stats = buffer.stats();
      buffer.remove();
      const committedByKilled = killed.lines.filter((line) => line.startsWith('c ')).length;
      // Every event the killed writer reported committed arrived; so did any it committed unreported.
      expectEveryEventOnce(
        delivery,
        1,
        Array.from({ length: committedByKilled }, (_, seq) => seq),
      );
      for (const id of [2, 3])
        expectEveryEventOnce(
          delivery,
          id,
          Array.from({ length: 3000 }, (_, seq) => seq),
        );
      expect(delivery.torn).toBe(0);
      expect(stats.read).toBe(stats.written);
      expect(stats).toMatchObject({ free: 8, ended: true, openWriters: 0 });
    });
  });
});

/**
 * 3000 events through 16 slots to readers that die after a random number of events (some right
 * after taking a batch), each replaced, until 20 have died: every event arrives, at least once.
 */
async function killReadersUntilTheEnd(
  spawnReader: (args: readonly (string | number)[]) => TrackedChild,
  spawnWriter: (args: readonly (string | number)[]) => TrackedChild,
  seed: number,
): Promise<void> {
  const next = random(seed);
  const events = 3000;
  const buffer = RingBuffer.create(bufferDir(), {
    name: 'raw',
    slotCount: 16,
    dataLength: 8,
    fields: FIELDS,
  });
  const delivery: Delivery = { counts: new Map(), torn: 0 };
  let kills = 0;
  const readersDone: Promise<void>[] = [];

  // Each reader dies after a random number of events, some right after taking a batch, until
  // 20 have died; the readers started after that live to the end of stream.
  const startReader = (): void => {
    const n = 1 + Math.floor(next() * 150);
    const die = kills >= 20 ? 'never' : next() < 0.5 ? `after:${n}` : `batch:${n}`;
    const reader = spawnReader([buffer.paths.file, die]);
    collect(reader, delivery);
    readersDone.push(
      reader.exited.then((status) => {
        reclaimDeadProcess(buffer, reader.pid, false);
        if (status.signal === 'SIGKILL') {
          kills++;
          startReader();
        } else {
          expect(status, describeChild(reader)).toEqual({ code: 0, signal: null });
        }
      }),
    );
  };
  startReader();
  startReader();
  const writer = spawnWriter([buffer.paths.file, 0, events]);
  await waitForExit(writer, 30_000);
  reclaimDeadProcess(buffer, writer.pid, true);
  // Readers replace themselves while they die; wait until the set stops growing.
  for (let settled = 0; settled < readersDone.length; settled = readersDone.length) {
    await Promise.all(readersDone);
  }

  const stats = buffer.stats();
  buffer.remove();
  expect(kills).toBeGreaterThanOrEqual(20);
  expectEveryEventOnceOrRedelivered(delivery, events, stats.redelivered);
  expect(delivery.torn).toBe(0);
  expect(stats).toMatchObject({
    written: events,
    read: events + stats.redelivered,
    free: 16,
    ended: true,
  });
}

/** At-least-once: every event arrives; duplicates only where a reader died holding the event. */
function expectEveryEventOnceOrRedelivered(delivery: Delivery, events: number, redelivered: number): void {
  let missing = 0;
  let duplicates = 0;
  for (let seq = 0; seq < events; seq++) {
    const count = delivery.counts.get(`0:${seq}`) ?? 0;
    if (count === 0) missing++;
    else duplicates += count - 1;
  }
  expect({ missing, duplicatesWithinRedelivered: duplicates <= redelivered }).toEqual({
    missing: 0,
    duplicatesWithinRedelivered: true,
  });
}

describe('a reader that holds its slots until it has persisted their events (data.export), killed with SIGKILL', () => {
  it.each([1, 2, 3])('loses none of the events it persists (seed %i)', async (seed) => {
    await killReadersUntilTheEnd(
      (args) => spawnFixture('ts', 'recovery/holding-reader', args),
      (args) => spawnFixture('ts', 'recovery/writer', args),
      seed,
    );
  });
});
