import { describe, expect, it } from 'vitest';
import { describeChild, waitFor, waitForJsonLine, waitForLine } from '../../helpers/processes.js';
import { DATA_LENGTH, expectExit, exportSummary, range, useTemplateWorkers } from './template-workers.js';

interface ImportDone {
  readonly produced: number;
  readonly generatorClosed: boolean;
}

describe('Importer', () => {
  const { createBuffer, startWorker } = useTemplateWorkers();

  function startChain(config: Record<string, unknown>, slotCount = 8) {
    const raw = createBuffer('raw', { slotCount });
    const importer = startWorker('import-events.mjs', { name: 'importer', sinks: ['raw'], config });
    const exporter = startWorker('export-events.mjs', { name: 'exporter', sources: ['raw'] });
    return { raw, importer, exporter };
  }

  it.each([
    { mode: 'sync', endWithNull: false },
    { mode: 'async', endWithNull: false },
    { mode: 'sync', endWithNull: true },
    { mode: 'async', endWithNull: true },
    { mode: 'syncBatches', endWithNull: false },
    { mode: 'asyncBatches', endWithNull: true },
    { mode: 'inPlace', endWithNull: false },
    { mode: 'inPlaceAsync', endWithNull: false },
  ])(
    '$mode (end with null: $endWithNull): every event with counter, timestamp, dead time',
    async (config) => {
      const count = 200;
      const before = Date.now() / 1000;
      const { importer, exporter } = startChain({ ...config, count });
      const done = await waitForJsonLine<ImportDone>(importer, 'done');
      await expectExit(importer, 0);
      const summary = await exportSummary(exporter);
      const after = Date.now() / 1000;

      expect(done.produced).toBe(count);
      expect(summary.seqs).toEqual(range(0, count));
      expect(summary.counters).toEqual(range(0, count));
      const { timestamps, deadtimes } = summary;
      for (let i = 1; i < count; i++)
        expect(timestamps[i]).toBeGreaterThanOrEqual(timestamps[i - 1] as number);
      expect(timestamps[0]).toBeGreaterThanOrEqual(before - 0.01);
      expect(timestamps[count - 1]).toBeLessThanOrEqual(after + 0.01);
      expect(timestamps[count - 1]).toBeGreaterThan(timestamps[0] as number);
      for (const deadtime of deadtimes) {
        expect(deadtime).toBeGreaterThanOrEqual(0);
        expect(deadtime).toBeLessThanOrEqual(1);
      }
    },
  );

  it('draws one counter sequence for several importer processes of a buffer', async () => {
    createBuffer('raw', { writers: 2 });
    const importers = [0, 1].map((i) =>
      startWorker('import-events.mjs', { name: `importer${i}`, sinks: ['raw'], config: { count: 100 } }),
    );
    const exporter = startWorker('export-events.mjs', { name: 'exporter', sources: ['raw'] });
    for (const importer of importers) await expectExit(importer, 0);
    const summary = await exportSummary(exporter);
    expect([...summary.counters].sort((a, b) => a - b)).toEqual(range(0, 200));
  });

  it('stops at the next event once a stop is requested, closes its generator and ends the stream; discards while paused', async () => {
    const { raw, importer, exporter } = startChain({ count: 'forever' });
    await waitFor(
      () => raw.stats().written >= 50,
      '50 events written',
      undefined,
      () => raw.stats(),
    );
    raw.setPaused(true);
    await waitFor(
      () => raw.stats().discarded >= 20,
      '20 events discarded while paused',
      undefined,
      () => raw.stats(),
    );
    raw.setPaused(false);
    const writtenAfterPause = raw.stats().written;
    await waitFor(() => raw.stats().written >= writtenAfterPause + 20, '20 more events after resume');
    raw.requestStop();

    const done = await waitForJsonLine<ImportDone>(importer, 'done');
    await expectExit(importer, 0);
    const summary = await exportSummary(exporter);
    const stats = raw.stats();
    expect(done.generatorClosed).toBe(true);
    expect(stats.ended).toBe(true);
    expect(summary.events).toBe(stats.written);
    // Counters go on while paused: the discarded events leave a gap downstream.
    const gaps = summary.counters.filter((c, i) => i > 0 && c !== (summary.counters[i - 1] as number) + 1);
    expect(gaps.length, JSON.stringify(summary.counters)).toBe(1);
    expect(summary.counters.at(-1)).toBe(stats.written + stats.discarded - 1);
  });

  it.each([
    {
      fault: 'badLengthAt',
      message: `worker 'importer': an event of the Importer for buffer 'raw': field 'x' (<f8) needs ${DATA_LENGTH} values (the buffer's data_length), got 3`,
    },
    {
      fault: 'missingFieldAt',
      message: `worker 'importer': an event of the Importer for buffer 'raw': field 'x' is missing (the buffer has the fields seq (<i4), x (<f8))`,
    },
    {
      fault: 'throwAt',
      message: `worker 'importer': the Importer function threw after 5 events: boom at event 5`,
    },
  ])(
    '$fault: fails with a message naming the field, ends the stream, exits non-zero',
    async ({ fault, message }) => {
      const { importer, exporter } = startChain({ count: 50, [fault]: 5 }, 4);
      await expectExit(importer, 1);
      expect(importer.stderr()).toContain(`[importer] ${message}\n`);
      expect(importer.stderr()).toContain(`UserFunctionError: ${message}`);
      const summary = await exportSummary(exporter);
      expect(summary.seqs).toEqual(range(0, 5));
    },
  );

  it('stops a generator that waits for events when the buffer is stopped while it is blocked on a full buffer', async () => {
    const raw = createBuffer('raw', { slotCount: 4 });
    const importer = startWorker('import-events.mjs', {
      name: 'importer',
      sinks: ['raw'],
      config: { count: 'forever' },
    });
    await waitForLine(importer, /^ready$/);
    await waitFor(
      () => raw.stats().filled === 4,
      'the buffer full',
      undefined,
      () => raw.stats(),
    );
    raw.requestStop();
    const done = await waitForJsonLine<ImportDone>(importer, 'done');
    await expectExit(importer, 0);
    expect(done.generatorClosed, describeChild(importer)).toBe(true);
    expect(raw.stats()).toMatchObject({ written: 4, ended: true });
  });
});
