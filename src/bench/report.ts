import { median, pairRatios, roundTo } from './stats.js';
import type { RunMeasurement, Scenario } from './types.js';

/** One JSON line of `npm run bench -- --json`: the keys of DESIGN.md first, then the extras. */
export interface BenchRecord {
  readonly scenario: string;
  readonly events: number;
  /** Median over the runs, from the first committed event to the last one received. */
  readonly seconds: number;
  readonly events_per_s: number;
  /** events/s of each run, in run order. */
  readonly runs: readonly number[];
  readonly [extra: string]: string | number | readonly number[];
}

/** Facts about the moment of measuring that go into every line. */
export interface RecordContext {
  readonly node: string;
  readonly loadavg1m: number;
}

const CONSTANT_RATE_SUFFIX = '_events_per_s';

function getRates(measurements: readonly RunMeasurement[]): number[] {
  return measurements.map((m) => m.events / m.seconds);
}

function summarizeExtras(measurements: readonly RunMeasurement[]): Record<string, number> {
  const keys = new Set(measurements.flatMap((m) => Object.keys(m.extras ?? {})));
  const extras: Record<string, number> = {};
  for (const key of keys) {
    const values = measurements.map((m) => m.extras?.[key]).filter((v): v is number => v !== undefined);
    extras[key] = roundTo(median(values), 4);
  }
  return extras;
}

/** `lost_runs` for a scenario whose runs check their events: how many runs found a problem. */
function summarizeProblems(measurements: readonly RunMeasurement[]): Record<string, number> {
  if (!measurements.some((m) => m.problems !== undefined)) return {};
  return { lost_runs: measurements.filter((m) => (m.problems?.length ?? 0) > 0).length };
}

/** Every problem of a series, each with its run number, for stderr. */
export function listProblems(measurements: readonly RunMeasurement[]): string[] {
  return measurements.flatMap((m, i) => (m.problems ?? []).map((p) => `run ${i + 1}: ${p}`));
}

/**
 * `<prefix>reference`, its median rate, and the median and each round of the primary's ratio to it
 * (`ratio_to_<prefix>reference`, `<prefix>ratio_runs`).
 */
function compareWith(
  prefix: string,
  rates: readonly number[],
  reference: Scenario,
  measured: ReadonlyMap<Scenario, readonly RunMeasurement[]>,
): Record<string, string | number | readonly number[]> {
  const referenceRates = getRates(measured.get(reference) ?? []);
  const ratios = pairRatios(rates, referenceRates);
  return {
    [`${prefix}reference`]: reference.name,
    [`${prefix}reference_events_per_s`]: Math.round(median(referenceRates)),
    [`ratio_to_${prefix}reference`]: roundTo(median(ratios), 3),
    [`${prefix}ratio_runs`]: ratios.map((r) => roundTo(r, 3)),
  };
}

/** The median and each round (`<key>_runs`) of the figures `compareRound` gives for each round. */
function compareRounds(
  primary: Scenario,
  reference: Scenario,
  measured: ReadonlyMap<Scenario, readonly RunMeasurement[]>,
): Record<string, number | readonly number[]> {
  const compare = primary.compareRound;
  if (compare === undefined) return {};
  const referenceRuns = measured.get(reference) ?? [];
  const rounds = (measured.get(primary) ?? []).map((run, i) => {
    const referenceRun = referenceRuns[i];
    if (referenceRun === undefined) throw new RangeError(`${reference.name} has no run ${i + 1}`);
    return compare(run, referenceRun);
  });
  const figures: Record<string, number | readonly number[]> = {};
  for (const key of Object.keys(rounds[0] ?? {})) {
    const values = rounds.map((round) => round[key] as number);
    figures[key] = roundTo(median(values), 3);
    figures[`${key}_runs`] = values.map((v) => roundTo(v, 3));
  }
  return figures;
}

/**
 * A chain's second half (`events_per_s_second_half`, on code the JIT has compiled) against the
 * reference of the same round, `second_half_ratio_to_reference` and `second_half_ratio_runs`: its
 * second half too when it is a chain (E against A), else its whole run (a probe). Nothing when a
 * run has no second-half rate.
 */
function compareSecondHalf(
  measurements: readonly RunMeasurement[],
  reference: Scenario,
  measured: ReadonlyMap<Scenario, readonly RunMeasurement[]>,
): Record<string, number | readonly number[]> {
  const secondHalves = (runs: readonly RunMeasurement[]) =>
    runs.map((m) => m.extras?.['events_per_s_second_half']);
  const halves = secondHalves(measurements);
  if (halves.length === 0 || halves.some((rate) => rate === undefined)) return {};
  const referenceRuns = measured.get(reference) ?? [];
  const referenceHalves = secondHalves(referenceRuns);
  const referenceRates = referenceHalves.every((rate) => rate !== undefined)
    ? referenceHalves
    : getRates(referenceRuns);
  const ratios = pairRatios(halves as number[], referenceRates);
  return {
    second_half_ratio_to_reference: roundTo(median(ratios), 3),
    second_half_ratio_runs: ratios.map((r) => roundTo(r, 3)),
  };
}

/**
 * The records of one interleaved group: the first scenario's line carries the median ratio of
 * its runs to each reference's runs of the same round, and ratios to its constant rates.
 */
export function summarizeGroup(
  group: readonly Scenario[],
  measured: ReadonlyMap<Scenario, readonly RunMeasurement[]>,
  context: RecordContext,
): BenchRecord[] {
  const [primary] = group;
  const findInGroup = (name: string | undefined) => group.find((s) => s !== primary && s.name === name);
  const reference = findInGroup(primary?.reference);
  const batchedReference = findInGroup(primary?.batchedReference);
  return group.map((scenario) => {
    const measurements = measured.get(scenario) ?? [];
    const rates = getRates(measurements);
    const eventsPerSecond = Math.round(median(rates));
    const extras: Record<string, string | number | readonly number[]> = {
      ...summarizeExtras(measurements),
      ...summarizeProblems(measurements),
      ...scenario.summarize?.(measurements),
    };
    if (scenario === primary && (reference !== undefined || batchedReference !== undefined)) {
      if (reference !== undefined)
        Object.assign(
          extras,
          compareWith('', rates, reference, measured),
          compareSecondHalf(measurements, reference, measured),
          compareRounds(scenario, reference, measured),
        );
      if (batchedReference !== undefined)
        Object.assign(extras, compareWith('batched_', rates, batchedReference, measured));
    } else if (scenario !== primary && primary !== undefined) {
      extras['interleaved_with'] = primary.name;
    }
    for (const [key, value] of Object.entries(scenario.constants ?? {})) {
      extras[key] = value;
      if (key.endsWith(CONSTANT_RATE_SUFFIX)) {
        extras[`ratio_to_${key.slice(0, -CONSTANT_RATE_SUFFIX.length)}`] = roundTo(
          eventsPerSecond / value,
          3,
        );
      }
    }
    extras['node'] = context.node;
    extras['loadavg_1m'] = roundTo(context.loadavg1m, 3);
    return {
      scenario: scenario.name,
      events: measurements[0]?.events ?? 0,
      seconds: roundTo(median(measurements.map((m) => m.seconds)), 6),
      events_per_s: eventsPerSecond,
      runs: rates.map((r) => Math.round(r)),
      ...extras,
    };
  });
}

/** The error line of a scenario that failed (`--json`). */
export function makeErrorRecord(scenario: Scenario, error: unknown): { scenario: string; error: string } {
  return { scenario: scenario.name, error: error instanceof Error ? error.message : String(error) };
}
