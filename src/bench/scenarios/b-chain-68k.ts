import { runChain, type ChainOptions } from '../setup-run/chain.js';
import { WorkerFunction } from '../setup-run/worker-module.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { compareWithFloor } from './b-framework-cost.js';

/** Floats per field, and fields: 4 x 4250 f4 = 68 000 bytes per event. */
export const B_DATA_LENGTH = 4250;
export const B_FIELDS = { ch1: 'f4', ch2: 'f4', ch3: 'f4', ch4: 'f4' } as const;
/** Slots of each of B's buffers. */
export const B_SLOTS = 128;
/** Bytes of one B event (what the filter copies from one buffer to the next). */
export const B_EVENT_BYTES = B_DATA_LENGTH * 4 * Object.keys(B_FIELDS).length;

/** B's chain for `events` events. */
export function makeChainB(events: number): ChainOptions {
  return {
    events,
    fields: B_FIELDS,
    dataLength: B_DATA_LENGTH,
    slotCount: B_SLOTS,
    importer: { function: WorkerFunction.inPlaceImporter },
    filterProcesses: 1,
    exporter: WorkerFunction.checkingExporter,
  };
}

/**
 * B: A's chain with 68 kB events (4 fields of 4250 f4). The importer fills every element of each
 * slot in place (`runInPlace`), the filter copies each event to its sink, the exporter checks it.
 * Each round, its workers' CPU per event minus that of the same work alone (the reference's
 * fill, copy and check) is the framework's own cost; the same for the reference's floor probe
 * (that work in three processes without the framework) is the least any such chain can cost.
 */
export const chainB: Scenario = {
  name: 'B',
  title: 'mimocorb2 run: in-place importer -> filter -> exporter, 128 slots x 4 x 4250 f4 (68 kB)',
  defaultEvents: 20_000,
  reference: 'ref-memcpy-68k',
  constants: {
    python_original_events_per_s: 5_700,
    target_events_per_s: 34_000,
    target_framework_share: 0.3,
  },
  compareRound: compareWithFloor,
  runOnce: async (context: RunContext): Promise<RunMeasurement> =>
    (await runChain(context, makeChainB(context.events))).measurement,
};
