import { join } from 'node:path';
import { computeLayout } from '../../buffer/index.js';
import { getOutcome, getResultNumber } from '../child-result.js';
import { getChildScript } from '../child-scripts.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { B_DATA_LENGTH, B_FIELDS } from './b-chain-68k.js';

/** The bytes data.export writes per event of B: one slot, metadata and padding included. */
export const B_RECORD_BYTES = computeLayout({
  name: 'filtered',
  slotCount: 1,
  dataLength: B_DATA_LENGTH,
  fields: B_FIELDS,
}).slotSize;

/**
 * The reference probe of MIMO-B: one process appending B's records (68 kB each) to a new file in
 * the scratch directory (/dev/shm) with one pwrite each, as data.export does: the machine's
 * ceiling for writing them.
 */
export const tmpfsWrite68k: Scenario = {
  name: 'ref-tmpfs-write-68k',
  title: `reference: one process appending ${B_RECORD_BYTES}-byte records to a new file in /dev/shm`,
  defaultEvents: 20_000,
  runOnce: async ({ events, runChildren, makeScratchDir }: RunContext): Promise<RunMeasurement> => {
    const dir = makeScratchDir();
    try {
      const outcomes = await runChildren([
        {
          name: 'tmpfs-write',
          script: getChildScript('tmpfs-write'),
          args: [join(dir.path, 'records.mimo'), String(B_RECORD_BYTES), String(events)],
        },
      ]);
      const seconds = getResultNumber(getOutcome(outcomes, 'tmpfs-write'), 'seconds');
      return { events, seconds, extras: { gb_per_s: (events * B_RECORD_BYTES) / seconds / 1e9 } };
    } finally {
      dir.remove();
    }
  },
};
