import { runChain, type ChainOptions } from '../setup-run/chain.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { makeChainA } from './a-chain.js';

/** C's chain for `events` events. */
export function makeChainC(events: number): ChainOptions {
  return { ...makeChainA(events), filterProcesses: 2 };
}

/**
 * C: A with the filter on 2 processes (`number_of_processes: 2`). Events may arrive out of
 * order; the exporter checks that each counter arrives exactly once. `--runs 50` is the
 * zero-loss check: `lost_runs` counts the runs where anything was lost, duplicated or altered.
 */
export const chainC: Scenario = {
  name: 'C',
  title: 'mimocorb2 run: importer -> filter x 2 processes -> exporter, 128 slots x 1 f8',
  defaultEvents: 100_000,
  reference: 'ref-fifo-3proc',
  batchedReference: 'ref-fifo-3proc-batched',
  constants: { python_original_events_per_s: 19_200, target_events_per_s: 190_000 },
  runOnce: async (context: RunContext): Promise<RunMeasurement> =>
    (await runChain(context, makeChainC(context.events))).measurement,
};
