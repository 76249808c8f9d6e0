import { describe, expect, it } from 'vitest';
import { addSyscalls, addSyscallTotal, childSyscalls } from '../../../src/bench/syscall-figures.js';

describe('system calls per event', () => {
  it('adds up the counts of a worker’s processes and divides by the events', () => {
    const extras: Record<string, number> = {};
    addSyscalls(extras, 'filter', [300, 100], 200);
    expect(extras).toEqual({ filter_syscalls_per_event: 2 });
  });

  it('leaves out a worker whose processes reported no count', () => {
    const extras: Record<string, number> = {};
    addSyscalls(extras, 'observer', [undefined, 'x'], 200);
    expect(extras).toEqual({});
  });

  it('gives the total of one run next to the per-worker figures', () => {
    const extras: Record<string, number> = { importer_cpu_us_per_event: 3 };
    addSyscalls(extras, 'importer', [100], 100);
    addSyscalls(extras, 'exporter', [50], 100);
    addSyscallTotal(extras);
    expect(extras['syscalls_per_event']).toBe(1.5);
  });

  it('reads the children’s result lines of D and the probes', () => {
    const figures = childSyscalls(
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
