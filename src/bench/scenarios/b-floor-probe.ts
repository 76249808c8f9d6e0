import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { writeZeros } from '../../buffer/shared-map.js';
import { makeFifos } from '../../buffer/token-pipe.js';
import { getBLayout } from '../child/b-workload-steps.js';
import type { ChildSpec } from '../child-runner.js';
import { getOutcome, getResultNumber, getStreamSeconds } from '../child-result.js';
import { getChildScript } from '../child-scripts.js';
import type { RunContext } from '../types.js';
import { B_DATA_LENGTH, B_FIELDS, B_SLOTS } from './b-chain-68k.js';
import { B_FLOOR_PROCESSES, type BFloorProcess } from './b-framework-cost.js';
import { FIFO_WRITE_BATCH } from './ref-fifo-batched.js';

/** One run of the floor probe: its rate and each process's CPU µs per event over its event window. */
export interface BFloorRun {
  readonly seconds: number;
  readonly cpuUsPerEvent: Readonly<Record<BFloorProcess, number>>;
}

/** Writes a file of `size` zero bytes (never sparse, as a buffer file). */
function writeZeroFile(path: string, size: number): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeZeros(fd, size);
  } finally {
    closeSync(fd);
  }
}

/**
 * B's workload in three processes over one shared file of two rings of B's geometry, handed over
 * by FIFO tokens (child/b-floor.ts): no framework. Each process is a fresh node process, as B's
 * workers are. The importer writes `batch` tokens per write (default 64, as ref-fifo-3proc-batched:
 * on this machine about 3 µs per event less than one per event at 20 000 events).
 */
export async function runBFloorProbe(
  { events, makeScratchDir, runChildren }: RunContext,
  batch = FIFO_WRITE_BATCH,
): Promise<BFloorRun> {
  const dir = makeScratchDir();
  try {
    const fieldCount = Object.keys(B_FIELDS).length;
    const layout = getBLayout(B_DATA_LENGTH, fieldCount, B_SLOTS);
    const file = join(dir.path, 'b-floor.rings');
    writeZeroFile(file, 2 * layout.slotSize * B_SLOTS);
    const [rawFilled, rawFree, filteredFilled, filteredFree] = [
      'raw.filled',
      'raw.free',
      'filtered.filled',
      'filtered.free',
    ].map((name) => join(dir.path, name)) as [string, string, string, string];
    makeFifos(rawFilled, rawFree, filteredFilled, filteredFree);
    const common = [file, String(B_DATA_LENGTH), String(fieldCount), String(B_SLOTS), String(events)];
    const script = getChildScript('b-floor');
    const specs: ChildSpec[] = [
      {
        name: 'importer',
        script,
        args: ['importer', ...common, String(batch), rawFilled, rawFree],
        startsOnGo: true,
      },
      {
        name: 'filter',
        script,
        args: ['filter', ...common, rawFilled, rawFree, filteredFilled, filteredFree],
      },
      { name: 'exporter', script, args: ['exporter', ...common, filteredFilled, filteredFree] },
    ];
    const outcomes = await runChildren(specs);
    const cpuUsPerEvent = Object.fromEntries(
      B_FLOOR_PROCESSES.map((name) => [
        name,
        (getResultNumber(getOutcome(outcomes, name), 'cpu_s') * 1e6) / events,
      ]),
    ) as Record<BFloorProcess, number>;
    return {
      seconds: getStreamSeconds(getOutcome(outcomes, 'importer'), getOutcome(outcomes, 'exporter')),
      cpuUsPerEvent,
    };
  } finally {
    dir.remove();
  }
}
