import { describe, expect, it } from 'vitest';
import { DATA_LENGTH, expectExit, exportSummary, range, useTemplateWorkers } from './template-workers.js';

describe('Processor', () => {
  const { createBuffer, startWorker } = useTemplateWorkers();

  function startChain(config: Record<string, unknown>, count = 60) {
    createBuffer('raw', { slotCount: 4 });
    createBuffer('peaks', { slotCount: 4, dataLength: 1, fields: { seq: 'i4', peak: 'f8' } });
    createBuffer('copies', { slotCount: 4 });
    const importer = startWorker('import-events.mjs', {
      name: 'importer',
      sinks: ['raw'],
      config: { count },
    });
    const processor = startWorker('process-events.mjs', {
      name: 'processor',
      sources: ['raw'],
      sinks: ['peaks', 'copies'],
      config,
    });
    const peaks = startWorker('export-events.mjs', { name: 'read-peaks', sources: ['peaks'] });
    const copies = startWorker('export-events.mjs', { name: 'read-copies', sources: ['copies'] });
    return { importer, processor, peaks, copies };
  }

  const peakOf = (seq: number) => seq + (DATA_LENGTH - 1) / 8;

  it("run(): one entry per sink, each none, one or several events; null drops; metadata is the input's", async () => {
    const { importer, processor, peaks, copies } = startChain({ mode: 'run' });
    await expectExit(importer, 0);
    await expectExit(processor, 0);
    const kept = range(0, 60, (seq) => seq % 5 !== 4);
    const peakSummary = await exportSummary(peaks);
    expect(peakSummary.seqs).toEqual(kept);
    expect(peakSummary.counters).toEqual(kept);
    expect(peakSummary.peaks).toEqual(kept.map(peakOf));
    const copySummary = await exportSummary(copies);
    const expected = kept.flatMap((seq) => new Array<number>(seq % 3).fill(seq));
    expect(copySummary.seqs).toEqual(expected);
    expect(copySummary.counters).toEqual(expected);
  });

  it('runInPlace(): writes straight into the sink slots and commits the selected ones', async () => {
    const { importer, processor, peaks, copies } = startChain({ mode: 'inPlace' });
    await expectExit(importer, 0);
    await expectExit(processor, 0);
    const peakSummary = await exportSummary(peaks);
    expect(peakSummary.seqs).toEqual(range(0, 60));
    expect(peakSummary.counters).toEqual(range(0, 60));
    expect(peakSummary.peaks).toEqual(range(0, 60).map(peakOf));
    const copySummary = await exportSummary(copies);
    expect(copySummary.seqs).toEqual(range(0, 60, (seq) => seq % 2 === 0));
    expect(copySummary.counters).toEqual(copySummary.seqs);
  });

  it('runInPlace(): a number instead of a boolean stops the worker with an error naming the value', async () => {
    const { importer, processor, peaks } = startChain({ mode: 'inPlace', numberAt: 5 });
    await expectExit(importer, 0);
    await expectExit(processor, 1);
    expect(processor.stderr()).toContain(
      `UserFunctionError: worker 'processor': the in-place Processor function must return true (pass the event on), false, null or undefined (drop it), or an array of 2 booleans (one per sink: peaks, copies); it returned number 5 on the event with counter 5`,
    );
    expect((await exportSummary(peaks)).seqs).toEqual([0, 1, 2, 3, 4]);
  });

  it.each([
    {
      fault: 'badLengthAt',
      message: `worker 'processor': an event of the Processor for sink 'peaks': field 'peak' (<f8) needs 1 value (the buffer's data_length), got 2`,
    },
    {
      fault: 'wrongCountAt',
      message: `worker 'processor': the Processor function must return null (drop the event) or an array of 2 entries, one per sink (peaks, copies), each an event, an array of events or null; it returned an array of 1`,
    },
    {
      fault: 'throwAt',
      message: `worker 'processor': the Processor function threw on the event with counter 5: boom at seq 5`,
    },
  ])(
    '$fault: a UserFunctionError that says what is wrong; sinks end, the source drains',
    async ({ fault, message }) => {
      const { importer, processor, peaks, copies } = startChain({ mode: 'run', [fault]: 5 });
      await expectExit(importer, 0);
      await expectExit(processor, 1);
      expect(processor.stderr()).toContain(`[processor] ${message}\n`);
      expect(processor.stderr()).toContain(`UserFunctionError: ${message}`);
      expect((await exportSummary(peaks)).seqs).toEqual([0, 1, 2, 3]);
      expect((await exportSummary(copies)).seqs).toEqual([1, 2, 2]);
    },
  );
});
