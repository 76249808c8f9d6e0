import { BenchError } from '../bench-error.js';
import type { JsonObject } from '../child-handle.js';
import { addCountTotals, addCounts } from '../count-figures.js';
import type { RunMeasurement } from '../types.js';
import type { SetupRunResult } from './run-setup.js';

/** What a run of an importer -> ... -> exporter chain must have done. */
export interface ChainExpectation {
  readonly events: number;
  /** Buffers every event passed through (their counts in the CLI's summary). */
  readonly buffers: readonly string[];
  /** The importer (one process); its report's `start_s` times a run that lost counter 0. */
  readonly importer: string;
  /** Workers that handle every event, the importer included, each with its number of processes (their counts add up). */
  readonly stages: Readonly<Record<string, number>>;
  /** The checking exporter (checkingExporter or latencyExporter of worker-module.ts). */
  readonly exporter: string;
}

/** Exporter report keys that count events that must not exist. */
const EXPORTER_FAULTS = {
  duplicates: 'duplicated',
  out_of_range: 'with a counter out of range',
  wrong_values: 'with wrong values',
  out_of_order: 'out of order',
} as const;

/** A number in a worker's report; throws naming the worker and the key. */
export function getReportNumber(worker: string, report: JsonObject | undefined, key: string): number {
  const value = report?.[key];
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new BenchError(`worker '${worker}' reported no number '${key}', got ${JSON.stringify(value)}`);
  return value;
}

/** The reports of a worker, one per process; throws unless every process reported. */
export function getReports(result: SetupRunResult, worker: string, processes = 1): readonly JsonObject[] {
  const reports = result.reports.get(worker) ?? [];
  if (reports.length !== processes)
    throw new BenchError(
      `worker '${worker}' has ${reports.length} report lines in ${result.runDir}/logs, expected ${processes}`,
    );
  return reports;
}

/** `<worker>_runqueue_ms`: how long the worker's processes were runnable but waited for a CPU. */
function addRunQueue(extras: Record<string, number>, worker: string, reports: readonly JsonObject[]): void {
  const waits = reports.map((r) => r['runqueue_ms']).filter((v): v is number => typeof v === 'number');
  if (waits.length > 0) extras[`${worker}_runqueue_ms`] = waits.reduce((a, b) => a + b, 0);
}

/** `<worker>_atomic_calls_per_event`: libatomic calls of a Python worker's processes per event. */
function addAtomicCalls(
  extras: Record<string, number>,
  worker: string,
  reports: readonly JsonObject[],
  events: number,
): void {
  const calls = reports.map((r) => r['atomic_calls']).filter((v): v is number => typeof v === 'number');
  if (calls.length > 0)
    extras[`${worker}_atomic_calls_per_event`] = calls.reduce((a, b) => a + b, 0) / events;
}

/**
 * Checks the counts of one chain run (every stage and buffer saw exactly `events`, the exporter
 * got each once with its values) and times it from the commit of counter 0 to the arrival of the
 * last event. A count that is off is a problem of the run, not an error: the series goes on.
 */
export function measureChain(result: SetupRunResult, expected: ChainExpectation): RunMeasurement {
  const { events } = expected;
  const problems: string[] = [];
  const extras: Record<string, number> = {};
  for (const buffer of expected.buffers) {
    const count = result.bufferEvents.get(buffer);
    if (count !== events)
      problems.push(`buffer '${buffer}' carried ${count ?? 'no'} events by the summary, expected ${events}`);
  }
  for (const [worker, processes] of Object.entries(expected.stages)) {
    const reports = getReports(result, worker, processes);
    const count = reports.reduce((sum, r) => sum + getReportNumber(worker, r, 'events'), 0);
    if (count !== events) problems.push(`worker '${worker}' handled ${count} events, expected ${events}`);
    const cpuSeconds = reports.reduce((sum, r) => sum + getReportNumber(worker, r, 'cpu_s'), 0);
    extras[`${worker}_cpu_us_per_event`] = (cpuSeconds * 1e6) / events;
    addRunQueue(extras, worker, reports);
    addAtomicCalls(extras, worker, reports, events);
    addCounts(extras, worker, reports, events);
  }
  const exporter = getReports(result, expected.exporter)[0];
  const received = getReportNumber(expected.exporter, exporter, 'received');
  if (received !== events)
    problems.push(`the exporter received ${received} events, expected ${events} (lost ${events - received})`);
  for (const [key, what] of Object.entries(EXPORTER_FAULTS)) {
    const count = getReportNumber(expected.exporter, exporter, key);
    if (count !== 0) problems.push(`the exporter received ${count} events ${what}`);
  }
  if (exporter !== undefined) {
    addRunQueue(extras, expected.exporter, [exporter]);
    addAtomicCalls(extras, expected.exporter, [exporter], events);
    addCounts(extras, expected.exporter, [exporter], events);
    addCountTotals(extras);
  }
  if (typeof exporter?.['cpu_s'] === 'number')
    extras[`${expected.exporter}_cpu_us_per_event`] = (exporter['cpu_s'] * 1e6) / events;
  const counterZeroS = exporter?.['first_commit_s'];
  let firstCommitS: number;
  if (typeof counterZeroS === 'number') firstCommitS = counterZeroS;
  else {
    problems.push('the exporter never received counter 0; the run is timed from the start of the importer');
    firstCommitS = getReportNumber(expected.importer, getReports(result, expected.importer)[0], 'start_s');
  }
  const seconds = getReportNumber(expected.exporter, exporter, 'last_received_s') - firstCommitS;
  if (!(seconds > 0))
    throw new BenchError(`the last event arrived ${seconds} s after the first commit; the clocks disagree`);
  // The second half runs on warm code: the JIT compiles the hot paths during the first thousands of events.
  const halfwayS = exporter?.['halfway_received_s'];
  if (typeof halfwayS === 'number' && received === events)
    extras['events_per_s_second_half'] =
      (events - Math.ceil(events / 2)) /
      (getReportNumber(expected.exporter, exporter, 'last_received_s') - halfwayS);
  return { events, seconds, extras, problems };
}
