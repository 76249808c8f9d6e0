import { summarizeGroup, type BenchRecord, type RecordContext } from '../report.js';
import { median, roundTo } from '../stats.js';
import type { RunMeasurement, Scenario } from '../types.js';
import type { SweepPoint } from './sweep-points.js';

/** One JSON line of `--sweep`: the point's chain (as a scenario's line) with its probes and limit. */
export interface SweepRecord extends BenchRecord {
  readonly sweep: string;
  readonly x: number;
  /** Median over the runs of the CPU µs per event of all the chain's workers added up. */
  readonly cpu_us_per_event: number;
  /** The probe with the lowest median rate, its rate, and the median of the rounds' ratios to the lowest probe. */
  readonly limit_probe: string;
  readonly limit_events_per_s: number;
  readonly ratio_to_limit: number;
}

/** Sum of one run's extras whose key ends with `suffix` (e.g. every worker's CPU µs per event). */
export function sumExtras(measurement: RunMeasurement, suffix: string): number {
  return Object.entries(measurement.extras ?? {})
    .filter(([key]) => key.endsWith(suffix))
    .reduce((sum, [, value]) => sum + value, 0);
}

function getRates(measurements: readonly RunMeasurement[] | undefined): number[] {
  return (measurements ?? []).map((m) => m.events / m.seconds);
}

/**
 * The line of a sweep point from its interleaved runs: the chain's medians, each probe's median
 * rate (`<key>_events_per_s`), and the ratio of each round to the slowest probe of that round.
 */
export function makeSweepRecord(
  point: SweepPoint,
  measured: ReadonlyMap<Scenario, readonly RunMeasurement[]>,
  context: RecordContext,
): SweepRecord {
  const [chain] = summarizeGroup([point.scenario], measured, context);
  if (chain === undefined) throw new RangeError(`sweep point ${point.scenario.name} has no record`);
  const chainRuns = measured.get(point.scenario) ?? [];
  const chainRates = getRates(chainRuns);
  const probes: Record<string, number> = {};
  let limit = { key: '', rate: Infinity };
  for (const probe of point.probes) {
    const rate = median(getRates(measured.get(probe.scenario)));
    probes[`${probe.key}_events_per_s`] = Math.round(rate);
    if (rate < limit.rate) limit = { key: probe.key, rate };
  }
  const roundRatios = chainRates.map(
    (rate, i) =>
      rate / Math.min(...point.probes.map((p) => getRates(measured.get(p.scenario))[i] ?? Infinity)),
  );
  const { scenario, events, seconds, events_per_s, runs, ...rest } = chain;
  return {
    sweep: point.sweep,
    x: point.x,
    scenario,
    events,
    seconds,
    events_per_s,
    runs,
    cpu_us_per_event: roundTo(median(chainRuns.map((m) => sumExtras(m, '_cpu_us_per_event'))), 4),
    ...probes,
    limit_probe: limit.key,
    limit_events_per_s: Math.round(limit.rate),
    ratio_to_limit: roundTo(median(roundRatios), 3),
    ratio_to_limit_runs: roundRatios.map((r) => roundTo(r, 3)),
    ...rest,
  };
}
