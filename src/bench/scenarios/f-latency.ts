import { CHAIN_EXPORTER, runChain, type ChainOptions } from '../setup-run/chain.js';
import { getReportNumber, getReports } from '../setup-run/chain-check.js';
import { WorkerFunction } from '../setup-run/worker-module.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { correctLatencies, LATENCY_RATE_HZ, summarizeLatency } from './latency-figures.js';

/**
 * F: latency from importer to exporter at a steady 10 kHz. The importer paces its generator
 * (sleep, then spin on performance.now()); each event's timestamp is taken when the generator
 * yields it; the exporter records its arrival time minus that timestamp. Both clocks are
 * performance.timeOrigin + performance.now(), a fixed offset from the monotonic clock all
 * processes share; the offsets differ by some µs between processes (timeOrigin is sampled at
 * start-up), so each process reports its offset and the latencies are corrected by the
 * difference, `clock_skew_ms`.
 */
export const latencyF: Scenario = {
  name: 'F',
  title: `mimocorb2 run: importer paced at ${LATENCY_RATE_HZ / 1000} kHz -> exporter, latency of each event`,
  defaultEvents: 20_000,
  reference: 'ref-fifo-latency',
  constants: { rate_hz: LATENCY_RATE_HZ, target_latency_p99_ms: 1 },
  summarize: summarizeLatency,
  runOnce: runLatency,
};

/** F's chain for `events` events: importer -> exporter on one buffer. */
export function makeChainF(events: number): ChainOptions {
  return {
    events,
    fields: { x: 'f8' },
    dataLength: 1,
    slotCount: 128,
    importer: { function: WorkerFunction.pacedImporter, config: { rate_hz: LATENCY_RATE_HZ } },
    filterProcesses: 0,
    exporter: WorkerFunction.latencyExporter,
  };
}

async function runLatency(context: RunContext): Promise<RunMeasurement> {
  const { measurement, result } = await runChain(context, makeChainF(context.events));
  const exporter = getReports(result, CHAIN_EXPORTER)[0];
  const importer = getReports(result, 'importer')[0];
  const skewMs =
    getReportNumber(CHAIN_EXPORTER, exporter, 'clock_offset_ms') -
    getReportNumber('importer', importer, 'clock_offset_ms');
  return {
    ...measurement,
    extras: {
      ...measurement.extras,
      ...correctLatencies((key) => getReportNumber(CHAIN_EXPORTER, exporter, key), skewMs),
      achieved_rate_hz: getReportNumber('importer', importer, 'rate_hz'),
      late_events: getReportNumber('importer', importer, 'late_events'),
    },
  };
}
