import { describe, expect, it } from 'vitest';
import { waitForJsonLine } from '../../helpers/processes.js';
import { expectExit, exportSummary, range, useTemplateWorkers } from './template-workers.js';

describe('Exporter', () => {
  const { createBuffer, startWorker } = useTemplateWorkers();

  it('yields every event of its source and passes each one on to every sink', async () => {
    for (const name of ['raw', 'copyA', 'copyB']) createBuffer(name, { slotCount: 4 });
    const importer = startWorker('import-events.mjs', {
      name: 'importer',
      sinks: ['raw'],
      config: { count: 300 },
    });
    const exporter = startWorker('export-events.mjs', {
      name: 'exporter',
      sources: ['raw'],
      sinks: ['copyA', 'copyB'],
    });
    const readers = ['copyA', 'copyB'].map((name) =>
      startWorker('export-events.mjs', { name: `read-${name}`, sources: [name] }),
    );
    await expectExit(importer, 0);
    const summary = await exportSummary(exporter);
    expect(summary.seqs).toEqual(range(0, 300));
    for (const reader of readers) {
      // Byte copies: data and metadata arrive unchanged.
      expect(await exportSummary(reader)).toEqual(summary);
    }
  });

  it('with Exporter.run(fn): the same events', async () => {
    createBuffer('raw');
    const importer = startWorker('import-events.mjs', {
      name: 'importer',
      sinks: ['raw'],
      config: { count: 50 },
    });
    const exporter = startWorker('export-events.mjs', {
      name: 'exporter',
      sources: ['raw'],
      config: { useRun: true },
    });
    await expectExit(importer, 0);
    expect((await exportSummary(exporter)).seqs).toEqual(range(0, 50));
  });

  it('leaving the loop early ends its sinks and reads the source to its end, so upstream never blocks', async () => {
    createBuffer('raw', { slotCount: 4 });
    createBuffer('copy', { slotCount: 4 });
    const importer = startWorker('import-events.mjs', {
      name: 'importer',
      sinks: ['raw'],
      config: { count: 100 },
    });
    const exporter = startWorker('export-events.mjs', {
      name: 'exporter',
      sources: ['raw'],
      sinks: ['copy'],
      config: { breakAfter: 3 },
    });
    const reader = startWorker('export-events.mjs', { name: 'reader', sources: ['copy'] });
    expect(await waitForJsonLine(importer, 'done')).toEqual({ produced: 100, generatorClosed: true });
    await expectExit(importer, 0);
    expect((await exportSummary(exporter)).seqs).toEqual([0, 1, 2]);
    expect((await exportSummary(reader)).seqs).toEqual([0, 1, 2]);
  });

  it('an exception in the loop body ends the sinks, drains the source and reaches the caller', async () => {
    createBuffer('raw', { slotCount: 4 });
    createBuffer('copy', { slotCount: 4 });
    const importer = startWorker('import-events.mjs', {
      name: 'importer',
      sinks: ['raw'],
      config: { count: 100 },
    });
    const exporter = startWorker('export-events.mjs', {
      name: 'exporter',
      sources: ['raw'],
      sinks: ['copy'],
      config: { throwAt: 5 },
    });
    const reader = startWorker('export-events.mjs', { name: 'reader', sources: ['copy'] });
    await expectExit(importer, 0);
    await expectExit(exporter, 1);
    expect(exporter.stderr()).toContain('Error: boom at seq 5\n    at ');
    expect((await exportSummary(reader)).seqs).toEqual(range(0, 6));
  });

  it('an error in Exporter.run(fn) is logged, ends the sinks, drains the source and exits non-zero', async () => {
    createBuffer('raw', { slotCount: 4 });
    createBuffer('copy', { slotCount: 4 });
    const importer = startWorker('import-events.mjs', {
      name: 'importer',
      sinks: ['raw'],
      config: { count: 100 },
    });
    const exporter = startWorker('export-events.mjs', {
      name: 'exporter',
      sources: ['raw'],
      sinks: ['copy'],
      config: { useRun: true, throwAt: 5 },
    });
    const reader = startWorker('export-events.mjs', { name: 'reader', sources: ['copy'] });
    await expectExit(importer, 0);
    await expectExit(exporter, 1);
    const message = `worker 'exporter': the Exporter function threw on the event with counter 5: boom at seq 5`;
    expect(exporter.stderr()).toContain(`[exporter] ${message}\nError: boom at seq 5\n    at `);
    // The event is passed on before the function sees it, as in the original.
    expect((await exportSummary(reader)).seqs).toEqual(range(0, 6));
  });
});
