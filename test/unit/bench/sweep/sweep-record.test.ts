import { describe, expect, it } from 'vitest';
import { makeSweepPoints } from '../../../../src/bench/sweep/sweep-points.js';
import { makeSweepPlotSpec } from '../../../../src/bench/sweep/sweep-plot.js';
import { makeSweepRecord } from '../../../../src/bench/sweep/sweep-record.js';
import type { RunMeasurement } from '../../../../src/bench/types.js';

const run = (seconds: number, extras: Record<string, number> = {}): RunMeasurement => ({
  events: 1000,
  seconds,
  extras,
  problems: [],
});

const point = makeSweepPoints('size', 1000)[5];
if (point === undefined) throw new Error('no size point 5');
const [fifo, memcpy] = point.probes;
const chainRuns = [
  run(1, { importer_cpu_us_per_event: 2, exporter_cpu_us_per_event: 1, syscalls_per_event: 1.5 }),
  run(0.5, { importer_cpu_us_per_event: 4, exporter_cpu_us_per_event: 2, syscalls_per_event: 1.5 }),
  run(2, { importer_cpu_us_per_event: 1, exporter_cpu_us_per_event: 1, syscalls_per_event: 1.5 }),
];
const measured = new Map([
  [point.scenario, chainRuns],
  [fifo!.scenario, [run(0.1), run(0.1), run(0.1)]],
  [memcpy!.scenario, [run(0.5), run(0.25), run(4)]],
]);
const record = makeSweepRecord(point, measured, { node: 'v20', loadavg1m: 2 });

describe('makeSweepRecord', () => {
  it('gives the chain’s medians, its CPU of all workers added up, and each probe’s rate', () => {
    expect(record).toMatchObject({
      sweep: 'size',
      x: 262_144,
      scenario: 'size-262144',
      events_per_s: 1000,
      runs: [1000, 2000, 500],
      cpu_us_per_event: 3,
      syscalls_per_event: 1.5,
      fifo_events_per_s: 10_000,
      memcpy_events_per_s: 2000,
      loadavg_1m: 2,
    });
  });

  it('takes the slowest probe as the limit, and the ratio to the slowest probe of each round', () => {
    // rounds: 1000 / min(10000, 2000), 2000 / min(10000, 4000), 500 / min(10000, 250)
    expect(record).toMatchObject({
      limit_probe: 'memcpy',
      limit_events_per_s: 2000,
      ratio_to_limit: 0.5,
      ratio_to_limit_runs: [0.5, 0.5, 2],
    });
  });
});

describe('makeSweepPlotSpec', () => {
  it('plots the chain and every probe against the swept variable on log axes, and the costs per event', () => {
    const spec = makeSweepPlotSpec('size', [record], 'caption') as {
      title: { subtitle: string };
      vconcat: {
        data: { values: { x: number; series?: string; value: number }[] };
        encoding: { x: { scale: object } };
      }[];
    };
    expect(spec.title.subtitle).toBe('caption');
    const [rates, cpu, syscalls] = spec.vconcat;
    expect(rates?.data.values).toEqual([
      { x: 262_144, series: 'mimocorb2 chain', value: 1000 },
      { x: 262_144, series: 'probe: fifo', value: 10_000 },
      { x: 262_144, series: 'probe: memcpy', value: 2000 },
    ]);
    expect(rates?.encoding.x.scale).toEqual({ type: 'log', base: 2 });
    expect(cpu?.data.values).toEqual([{ x: 262_144, value: 3 }]);
    expect(syscalls?.data.values).toEqual([{ x: 262_144, value: 1.5 }]);
  });
});
