import { describe, expect, it } from 'vitest';
import { getSizeEvents, makeSweepPoints, SWEEP_EVENTS } from '../../../../src/bench/sweep/sweep-points.js';

describe('makeSweepPoints', () => {
  it('sweeps the event size from 8 B to 1 MiB with fewer events for big ones, each with the FIFO and memcpy probes', () => {
    const points = makeSweepPoints('size');
    expect(points.map((p) => p.x)).toEqual([8, 64, 512, 4096, 32_768, 262_144, 1_048_576]);
    expect(points.map((p) => p.chain.dataLength)).toEqual([1, 8, 64, 512, 4096, 32_768, 131_072]);
    expect(points.map((p) => p.events)).toEqual([100_000, 100_000, 100_000, 100_000, 32_768, 4096, 1024]);
    expect(points[6]?.probes.map((p) => p.scenario.name)).toEqual([
      'size-1048576-fifo',
      'size-1048576-memcpy',
    ]);
  });

  it('keeps the rest of A: slots, processes and hops change one thing each', () => {
    expect(makeSweepPoints('slots').map((p) => p.chain.slotCount)).toEqual([8, 32, 128, 1024, 14_000]);
    expect(makeSweepPoints('processes').map((p) => p.chain.filterProcesses)).toEqual([1, 2, 3, 4]);
    const hops = makeSweepPoints('hops', 500);
    expect(hops.map((p) => p.chain.hops)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(hops.every((p) => p.events === 500 && p.chain.dataLength === 1 && p.chain.slotCount === 128)).toBe(
      true,
    );
    expect(hops.map((p) => p.probes[0]?.scenario.name)).toContain('hops-8-fifo');
  });

  it('has no throughput points for memory', () => {
    expect(makeSweepPoints('memory')).toEqual([]);
  });
});

describe('getSizeEvents', () => {
  it('moves at most a GiB per run but at least 1000 events, never more than asked', () => {
    expect(getSizeEvents(8, SWEEP_EVENTS)).toBe(SWEEP_EVENTS);
    expect(getSizeEvents(2 ** 20, SWEEP_EVENTS)).toBe(1024);
    expect(getSizeEvents(2 ** 24, SWEEP_EVENTS)).toBe(1000);
    expect(getSizeEvents(2 ** 20, 200)).toBe(200);
  });
});
