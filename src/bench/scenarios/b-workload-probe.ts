import { getOutcome, getResultNumber } from '../child-result.js';
import { getChildScript } from '../child-scripts.js';
import type { RunContext } from '../types.js';
import { B_DATA_LENGTH, B_FIELDS } from './b-chain-68k.js';
import { B_WORKLOAD_KEYS } from './b-framework-cost.js';

/** CPU µs per event of B's fill, copy and check, each timed alone in one process. */
export type BWorkload = Record<(typeof B_WORKLOAD_KEYS)[number], number>;

/** Runs the b-workload child for `events` events on B's geometry with rings of `slots` slots. */
export async function runBWorkloadProbe(
  { events, runChildren }: RunContext,
  slots: number,
): Promise<BWorkload> {
  const outcomes = await runChildren([
    {
      name: 'b-workload',
      script: getChildScript('b-workload'),
      args: [String(B_DATA_LENGTH), String(Object.keys(B_FIELDS).length), String(slots), String(events)],
    },
  ]);
  const probe = getOutcome(outcomes, 'b-workload');
  const figures = B_WORKLOAD_KEYS.map((key) => [key, getResultNumber(probe, key)]);
  return Object.fromEntries(figures) as BWorkload;
}
