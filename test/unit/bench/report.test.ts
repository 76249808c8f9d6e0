import { describe, expect, it } from 'vitest';
import { listProblems, summarizeGroup } from '../../../src/bench/report.js';
import { median, pairRatios } from '../../../src/bench/stats.js';
import type { RunMeasurement, Scenario } from '../../../src/bench/types.js';

const run = (seconds: number, extras?: Record<string, number>): RunMeasurement => ({
  events: 1000,
  seconds,
  extras,
});

function makeScenario(name: string, extra: Partial<Scenario> = {}): Scenario {
  return { name, title: name, defaultEvents: 1000, runOnce: () => Promise.resolve(run(1)), ...extra };
}

describe('median and pairRatios', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });

  it('divides run by run', () => {
    expect(pairRatios([2, 6], [1, 3])).toEqual([2, 2]);
    expect(() => pairRatios([1], [1, 2])).toThrow('pairRatios() needs equal lengths, got 1 and 2');
  });
});

describe('summarizeGroup', () => {
  const primary = makeScenario('D', { reference: 'ref', constants: { python_original_events_per_s: 100 } });
  const reference = makeScenario('ref');
  const measured = new Map([
    [primary, [run(1, { cpu_s: 0.5 }), run(0.5, { cpu_s: 0.3 }), run(2, { cpu_s: 0.9 })]],
    [reference, [run(0.5), run(0.5), run(0.25)]],
  ]);
  const [d, ref] = summarizeGroup([primary, reference], measured, { node: 'v20', loadavg1m: 1.5 });

  it('gives the DESIGN.md keys first, medians of rate, seconds and extras', () => {
    expect(Object.keys(d ?? {}).slice(0, 5)).toEqual([
      'scenario',
      'events',
      'seconds',
      'events_per_s',
      'runs',
    ]);
    expect(d).toMatchObject({
      scenario: 'D',
      events: 1000,
      seconds: 1,
      events_per_s: 1000,
      runs: [1000, 2000, 500],
    });
    expect(d?.['cpu_s']).toBe(0.5);
  });

  it('gives the median of the per-round ratios to the interleaved reference', () => {
    // rounds: 1000/2000, 2000/2000, 500/4000 -> 0.5, 1, 0.125
    expect(d).toMatchObject({
      reference: 'ref',
      reference_events_per_s: 2000,
      ratio_to_reference: 0.5,
      ratio_runs: [0.5, 1, 0.125],
    });
    expect(ref).toMatchObject({ scenario: 'ref', events_per_s: 2000, interleaved_with: 'D' });
  });

  it('copies constants and gives the ratio to each constant rate', () => {
    expect(d).toMatchObject({
      python_original_events_per_s: 100,
      ratio_to_python_original: 10,
      node: 'v20',
      loadavg_1m: 1.5,
    });
  });
});

describe('summarizeGroup with the second half of a chain', () => {
  const primary = makeScenario('A', { reference: 'ref' });
  const reference = makeScenario('ref');
  const refRuns = [run(0.5), run(0.5), run(0.25)]; // 2000, 2000, 4000 events/s
  const halves = (rates: number[], seconds = 1) =>
    rates.map((rate) => run(seconds, { events_per_s_second_half: rate }));
  const summarizeA = (runs: RunMeasurement[], referenceRuns: RunMeasurement[]) =>
    summarizeGroup(
      [primary, reference],
      new Map([
        [primary, runs],
        [reference, referenceRuns],
      ]),
      { node: 'v20', loadavg1m: 0 },
    )[0];

  it('gives the second half against the reference of the same round', () => {
    // rounds: 3000/2000, 1000/2000, 2000/4000 -> 1.5, 0.5, 0.5
    expect(summarizeA(halves([3000, 1000, 2000]), refRuns)).toMatchObject({
      second_half_ratio_to_reference: 0.5,
      second_half_ratio_runs: [1.5, 0.5, 0.5],
    });
  });

  it('gives a chain against a chain reference second half to second half', () => {
    // rounds: 3000/1000, 1000/4000, 2000/500 -> 3, 0.25, 4
    expect(summarizeA(halves([3000, 1000, 2000]), halves([1000, 4000, 500], 0.5))).toMatchObject({
      second_half_ratio_to_reference: 3,
      second_half_ratio_runs: [3, 0.25, 4],
    });
  });

  it('gives none when a run has no second-half rate', () => {
    const a = summarizeA([run(1, { events_per_s_second_half: 3000 }), run(1), run(1)], refRuns);
    expect(a).not.toHaveProperty('second_half_ratio_to_reference');
    expect(a).toHaveProperty('ratio_to_reference');
  });
});

describe('summarizeGroup with a batched reference', () => {
  const primary = makeScenario('A', { reference: 'ref', batchedReference: 'ref-batched' });
  const reference = makeScenario('ref');
  const batched = makeScenario('ref-batched');
  const measured = new Map([
    [primary, [run(1), run(1), run(1)]],
    [reference, [run(0.5), run(0.5), run(0.25)]],
    [batched, [run(0.1), run(0.2), run(0.1)]],
  ]);

  it('gives the ratio to each reference, found by name whatever the order of the group', () => {
    const [a] = summarizeGroup([primary, batched, reference], measured, { node: 'v20', loadavg1m: 0 });
    expect(a).toMatchObject({
      reference: 'ref',
      ratio_to_reference: 0.5,
      batched_reference: 'ref-batched',
      batched_reference_events_per_s: 10000,
      ratio_to_batched_reference: 0.1,
      batched_ratio_runs: [0.1, 0.2, 0.1],
    });
  });

  it('gives only the batched ratio when the group has only the batched reference', () => {
    const [a] = summarizeGroup([primary, batched], measured, { node: 'v20', loadavg1m: 0 });
    expect(a).toHaveProperty('ratio_to_batched_reference', 0.1);
    expect(a).not.toHaveProperty('ratio_to_reference');
  });
});

describe('runs that check their events', () => {
  const checked = makeScenario('C', {
    summarize: (ms) => ({ worst_seconds: Math.max(...ms.map((m) => m.seconds)) }),
  });
  const runs: RunMeasurement[] = [
    { ...run(1), problems: [] },
    { ...run(2), problems: ['lost 2 events', 'counter 7 twice'] },
    { ...run(1), problems: [] },
  ];
  const [record] = summarizeGroup([checked], new Map([[checked, runs]]), { node: 'v20', loadavg1m: 0 });

  it('counts the runs with problems as lost_runs and adds the series figures', () => {
    expect(record).toMatchObject({ scenario: 'C', lost_runs: 1, worst_seconds: 2 });
  });

  it('lists each problem with its run number', () => {
    expect(listProblems(runs)).toEqual(['run 2: lost 2 events', 'run 2: counter 7 twice']);
  });

  it('gives no lost_runs for a scenario that fails instead', () => {
    const plain = makeScenario('D');
    const [line] = summarizeGroup([plain], new Map([[plain, [run(1)]]]), { node: 'v20', loadavg1m: 0 });
    expect(line).not.toHaveProperty('lost_runs');
  });
});

describe('summarizeGroup with figures of each round', () => {
  const primary = makeScenario('B', {
    reference: 'ref',
    compareRound: (b, ref) => ({
      left_us: (b.extras?.['cpu_us'] ?? 0) - (ref.extras?.['cpu_us'] ?? 0),
    }),
  });
  const reference = makeScenario('ref');
  const measured = new Map([
    [primary, [run(1, { cpu_us: 10 }), run(1, { cpu_us: 12 }), run(1, { cpu_us: 9 })]],
    [reference, [run(1, { cpu_us: 4 }), run(1, { cpu_us: 3 }), run(1, { cpu_us: 4 })]],
  ]);

  it('pairs each run with the reference run of its round, and gives the median and each round', () => {
    const [b, ref] = summarizeGroup([primary, reference], measured, { node: 'v20', loadavg1m: 0 });
    expect(b).toMatchObject({ left_us: 6, left_us_runs: [6, 9, 5], ratio_to_reference: 1 });
    expect(ref).not.toHaveProperty('left_us');
  });
});
