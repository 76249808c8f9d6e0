import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/bench/child-handle.js';
import { measureChain, type ChainExpectation } from '../../../src/bench/setup-run/chain-check.js';
import type { SetupRunResult } from '../../../src/bench/setup-run/run-setup.js';

const EVENTS = 1000;
const expectation: ChainExpectation = {
  events: EVENTS,
  buffers: ['raw', 'filtered'],
  importer: 'importer',
  stages: { importer: 1, filter: 2 },
  exporter: 'exporter',
};

const cleanExporter = {
  received: EVENTS,
  duplicates: 0,
  out_of_range: 0,
  wrong_values: 0,
  out_of_order: 0,
  first_commit_s: 100,
  last_received_s: 100.25,
  cpu_s: 0.001,
};

function makeResult(
  changes: {
    exporter?: Partial<typeof cleanExporter> & JsonObject;
    filtered?: number;
    filter1?: number;
  } = {},
): SetupRunResult {
  return {
    runDir: '/run',
    cliPid: 1,
    bufferEvents: new Map([
      ['raw', EVENTS],
      ['filtered', changes.filtered ?? EVENTS],
    ]),
    reports: new Map<string, JsonObject[]>([
      ['importer', [{ events: EVENTS, start_s: 99.5, cpu_s: 0.002 }]],
      [
        'filter',
        [
          { events: 600, cpu_s: 0.001 },
          { events: changes.filter1 ?? 400, cpu_s: 0.001 },
        ],
      ],
      ['exporter', [{ ...cleanExporter, ...changes.exporter }]],
    ]),
  };
}

describe('measureChain', () => {
  it('times a clean run from the commit of counter 0 to the last arrival, with CPU per event', () => {
    const measurement = measureChain(makeResult(), expectation);
    expect(measurement.problems).toEqual([]);
    expect(measurement.events).toBe(EVENTS);
    expect(measurement.seconds).toBeCloseTo(0.25, 9);
    expect(measurement.extras).toEqual({
      importer_cpu_us_per_event: 2,
      filter_cpu_us_per_event: 2,
      exporter_cpu_us_per_event: 1,
    });
  });

  it('names every count that is off as a problem of the run, not an error', () => {
    const measurement = measureChain(
      makeResult({
        exporter: { received: 998, duplicates: 1, out_of_order: 3 },
        filtered: 999,
        filter1: 399,
      }),
      expectation,
    );
    expect(measurement.problems).toEqual([
      "buffer 'filtered' carried 999 events by the summary, expected 1000",
      "worker 'filter' handled 999 events, expected 1000",
      'the exporter received 998 events, expected 1000 (lost 2)',
      'the exporter received 1 events duplicated',
      'the exporter received 3 events out of order',
    ]);
  });

  it('times a run that lost counter 0 from the start of the importer', () => {
    const measurement = measureChain(makeResult({ exporter: { first_commit_s: undefined } }), expectation);
    expect(measurement.problems).toContain(
      'the exporter never received counter 0; the run is timed from the start of the importer',
    );
    expect(measurement.seconds).toBeCloseTo(0.75, 9);
  });

  it('fails when a process of a stage did not report', () => {
    const result = makeResult();
    (result.reports as Map<string, JsonObject[]>).set('filter', [{ events: EVENTS, cpu_s: 0 }]);
    expect(() => measureChain(result, expectation)).toThrow(
      "worker 'filter' has 1 report lines in /run/logs, expected 2",
    );
  });
});
