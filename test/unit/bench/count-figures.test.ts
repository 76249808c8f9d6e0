import { describe, expect, it } from 'vitest';
import { addCountTotals, addCounts, childCounts } from '../../../src/bench/count-figures.js';

describe('counts per event', () => {
  it('adds up the counts of a worker’s processes and divides by the events', () => {
    const extras: Record<string, number> = {};
    addCounts(extras, 'filter', [{ syscalls: 300 }, { syscalls: 100 }], 200);
    expect(extras).toEqual({ filter_syscalls_per_event: 2 });
  });

  it('leaves out a worker whose processes reported no count', () => {
    const extras: Record<string, number> = {};
    addCounts(extras, 'observer', [undefined, { syscalls: 'x' }], 200);
    expect(extras).toEqual({});
  });

  it('gives the total of one run next to the per-worker figures', () => {
    const extras: Record<string, number> = { importer_cpu_us_per_event: 3 };
    addCounts(extras, 'importer', [{ syscalls: 100 }], 100);
    addCounts(extras, 'exporter', [{ syscalls: 50 }], 100);
    addCountTotals(extras);
    expect(extras['syscalls_per_event']).toBe(1.5);
  });

  it('turns perf’s instructions and task-clock into figures the same way', () => {
    const extras: Record<string, number> = {};
    addCounts(extras, 'importer', [{ syscalls: 100, instructions: 5e6, task_clock_ms: 20 }], 1000);
    addCounts(extras, 'exporter', [{ syscalls: 100, instructions: 3e6, task_clock_ms: 10 }], 1000);
    addCountTotals(extras);
    expect(extras).toEqual({
      importer_syscalls_per_event: 0.1,
      importer_instructions_per_event: 5000,
      importer_task_clock_ms_per_event: 0.02,
      exporter_syscalls_per_event: 0.1,
      exporter_instructions_per_event: 3000,
      exporter_task_clock_ms_per_event: 0.01,
      syscalls_per_event: 0.2,
      instructions_per_event: 8000,
      task_clock_ms_per_event: 0.03,
    });
  });

  it('reads the children’s result lines of D and the probes', () => {
    const figures = childCounts(
      [
        { name: 'writer', result: { syscalls: 1000 } },
        { name: 'reader', result: { syscalls: 10 } },
      ],
      1000,
    );
    expect(figures).toEqual({
      writer_syscalls_per_event: 1,
      reader_syscalls_per_event: 0.01,
      syscalls_per_event: 1.01,
    });
  });
});
