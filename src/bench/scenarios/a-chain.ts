import { runChain, type ChainOptions } from '../setup-run/chain.js';
import { WorkerFunction } from '../setup-run/worker-module.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';

/** A's chain for `events` events; C and E start from it. */
export function makeChainA(events: number): ChainOptions {
  return {
    events,
    fields: { x: 'f8' },
    dataLength: 1,
    slotCount: 128,
    importer: { function: WorkerFunction.importer },
    filterProcesses: 1,
    exporter: WorkerFunction.checkingExporter,
  };
}

/**
 * A: importer -> filter -> exporter through the real CLI and templates, one f8 field,
 * data_length 1, 128 slots. The importer yields records from a generator; the filter passes
 * every event; the exporter checks each one.
 */
export const chainA: Scenario = {
  name: 'A',
  title: 'mimocorb2 run: importer -> filter -> exporter, 128 slots x 1 f8',
  defaultEvents: 100_000,
  reference: 'ref-fifo-3proc',
  batchedReference: 'ref-fifo-3proc-batched',
  constants: { python_original_events_per_s: 18_900, target_events_per_s: 190_000 },
  runOnce: async (context: RunContext): Promise<RunMeasurement> =>
    (await runChain(context, makeChainA(context.events))).measurement,
};
