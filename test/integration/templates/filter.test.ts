import { describe, expect, it } from 'vitest';
import { expectExit, exportSummary, range, useTemplateWorkers } from './template-workers.js';

describe('Filter', () => {
  const { createBuffer, startWorker } = useTemplateWorkers();

  function startChain(config: Record<string, unknown>, sinks: readonly string[], count = 100) {
    createBuffer('raw', { slotCount: 4 });
    for (const sink of sinks) createBuffer(sink, { slotCount: 4 });
    const importer = startWorker('import-events.mjs', {
      name: 'importer',
      sinks: ['raw'],
      config: { count },
    });
    const filter = startWorker('filter-events.mjs', { name: 'filter', sources: ['raw'], sinks, config });
    const readers = sinks.map((sink) =>
      startWorker('export-events.mjs', { name: `read-${sink}`, sources: [sink] }),
    );
    return { importer, filter, readers };
  }

  it('true copies an event to every sink, false drops it', async () => {
    const { importer, filter, readers } = startChain({ rule: 'even' }, ['a', 'b']);
    await expectExit(importer, 0);
    await expectExit(filter, 0);
    for (const reader of readers) {
      const summary = await exportSummary(reader);
      expect(summary.seqs).toEqual(range(0, 100, (i) => i % 2 === 0));
      expect(summary.counters).toEqual(summary.seqs);
    }
  });

  it('an array of booleans copies an event to the sinks it selects, and writes nothing to the others', async () => {
    const sinks = ['a', 'b', 'c'];
    const { importer, filter, readers } = startChain({ rule: 'perSink' }, sinks, 90);
    await expectExit(importer, 0);
    await expectExit(filter, 0);
    for (const [i, reader] of readers.entries()) {
      const summary = await exportSummary(reader);
      expect(summary.seqs).toEqual(range(0, 90, (seq) => seq % 3 === i));
    }
  });

  it('an error in the function is logged, ends the sinks, drains the source and exits non-zero', async () => {
    const { importer, filter, readers } = startChain({ rule: 'even', throwAt: 5 }, ['a']);
    await expectExit(importer, 0);
    await expectExit(filter, 1);
    const message = `worker 'filter': the Filter function threw on the event with counter 5: boom at seq 5`;
    expect(filter.stderr()).toContain(`[filter] ${message}\nError: boom at seq 5\n    at `);
    expect(filter.stderr()).toContain(`UserFunctionError: ${message}`);
    expect((await exportSummary(readers[0]!)).seqs).toEqual([0, 2, 4]);
  });

  it('an array of the wrong length is an error that says what is expected', async () => {
    const { importer, filter, readers } = startChain({ rule: 'badArray' }, ['a', 'b']);
    await expectExit(importer, 0);
    await expectExit(filter, 1);
    expect(filter.stderr()).toContain(
      `UserFunctionError: worker 'filter': the Filter function must return true (pass the event on), false, null or undefined (drop it), or an array of 2 booleans (one per sink: a, b); it returned an array of 1 on the event with counter 0`,
    );
    for (const reader of readers) expect((await exportSummary(reader)).events).toBe(0);
  });

  it.each([
    ['number', ['a'], 'number 0.5', '[true] or [false] (sink a)'],
    ['string', ['a'], 'string "low"', '[true] or [false] (sink a)'],
    [
      'numberArray',
      ['a', 'b'],
      'an array with number 1 at index 0',
      'an array of 2 booleans (one per sink: a, b)',
    ],
  ])(
    'a %s instead of a boolean stops the worker with an error naming it and the value',
    async (rule, sinks, got, perSink) => {
      const { importer, filter, readers } = startChain({ rule }, sinks);
      await expectExit(importer, 0);
      await expectExit(filter, 1);
      expect(filter.stderr()).toContain(
        `UserFunctionError: worker 'filter': the Filter function must return true (pass the event on), false, null or undefined (drop it), or ${perSink}; it returned ${got} on the event with counter 0`,
      );
      for (const reader of readers) expect((await exportSummary(reader)).events).toBe(0);
    },
  );

  it('null and undefined drop the event', async () => {
    const { importer, filter, readers } = startChain({ rule: 'nothing' }, ['a']);
    await expectExit(importer, 0);
    await expectExit(filter, 0);
    expect((await exportSummary(readers[0]!)).events).toBe(0);
  });
});
