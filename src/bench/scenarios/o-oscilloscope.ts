import { getReportNumber, getReports } from '../setup-run/chain-check.js';
import { CHAIN_OBSERVER, runChain, type ChainOptions } from '../setup-run/chain.js';
import { WorkerFunction } from '../setup-run/worker-module.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { makeChainB } from './b-chain-68k.js';

/** How often the oscilloscope looks: as often as it can (10 times a second), 10 times the default. */
const UPDATE_INTERVAL_S = 0.1;

/** O's chain for `events` events. */
export function makeChainO(events: number): ChainOptions {
  return {
    ...makeChainB(events),
    observer: {
      function: WorkerFunction.prebuiltOscilloscope,
      config: {
        update_interval: UPDATE_INTERVAL_S,
        t_scaling: [0.004, 0, 'µs'],
        y_scaling: [0.5, -10, 'mV'],
        trigger_level: 20,
      },
    },
  };
}

/**
 * O: B's chain of 68 kB waveforms plus observers.oscilloscope on the raw buffer (all 4 channels of
 * 4250 samples scaled and published every 0.1 s), run interleaved with B (B O B O ...). The figure
 * is the median of the per-round ratios O / B: what the prebuilt oscilloscope costs the data.
 */
export const chainWithOscilloscope: Scenario = {
  name: 'O',
  title: `B plus observers.oscilloscope on the raw buffer (update_interval ${UPDATE_INTERVAL_S} s), vs B`,
  defaultEvents: 20_000,
  reference: 'B',
  constants: { target_ratio_to_reference: 0.98 },
  runOnce: async (context: RunContext): Promise<RunMeasurement> => {
    const { measurement, result } = await runChain(context, makeChainO(context.events));
    const oscilloscope = getReports(result, CHAIN_OBSERVER)[0];
    return {
      ...measurement,
      extras: {
        ...measurement.extras,
        observer_cpu_ms: getReportNumber(CHAIN_OBSERVER, oscilloscope, 'cpu_s') * 1000,
      },
    };
  },
};
