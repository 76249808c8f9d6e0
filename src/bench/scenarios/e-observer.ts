import { CHAIN_OBSERVER, runChain, type ChainOptions } from '../setup-run/chain.js';
import { getReportNumber, getReports } from '../setup-run/chain-check.js';
import { WorkerFunction } from '../setup-run/worker-module.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { makeChainA } from './a-chain.js';

/** How often the oscilloscope copies the newest event. */
const LOOK_INTERVAL_S = 0.05;

/** E's chain for `events` events. */
export function makeChainE(events: number): ChainOptions {
  return {
    ...makeChainA(events),
    observer: { function: WorkerFunction.oscilloscope, config: { interval: LOOK_INTERVAL_S } },
  };
}

/**
 * E: A plus an oscilloscope (an Observer template worker on the raw buffer that copies the newest
 * event every 0.05 s), run interleaved with A (A E A E ...). The figure is the median of the
 * per-round ratios E / A: what watching costs the chain.
 */
export const chainWithObserver: Scenario = {
  name: 'E',
  title: `A plus an Observer on the raw buffer (a copy every ${LOOK_INTERVAL_S} s), vs A`,
  defaultEvents: 100_000,
  reference: 'A',
  constants: { target_ratio_to_reference: 0.98 },
  runOnce: async (context: RunContext): Promise<RunMeasurement> => {
    const { measurement, result } = await runChain(context, makeChainE(context.events));
    const observer = getReports(result, CHAIN_OBSERVER)[0];
    return {
      ...measurement,
      extras: {
        ...measurement.extras,
        observer_copies: getReportNumber(CHAIN_OBSERVER, observer, 'events'),
        observer_cpu_ms: getReportNumber(CHAIN_OBSERVER, observer, 'cpu_s') * 1000,
      },
    };
  },
};
