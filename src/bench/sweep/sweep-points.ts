import { makeChainA } from '../scenarios/a-chain.js';
import { runChain, type ChainOptions } from '../setup-run/chain.js';
import type { Scenario } from '../types.js';
import { fifoProbe, memcpyProbe, type SweepProbe } from './sweep-probes.js';

/** What `--sweep` varies in A's chain (`memory` is the RSS/PSS look of memory-sweep.ts). */
export const SWEEP_NAMES = ['size', 'slots', 'processes', 'hops', 'memory'] as const;
export type SweepName = (typeof SWEEP_NAMES)[number];

/** The variable of each sweep as the plot's x axis names it, and whether its steps are powers. */
export const SWEEP_AXES: Readonly<Record<SweepName, { readonly title: string; readonly isLog: boolean }>> = {
  size: { title: 'event size (bytes: data_length x f8)', isLog: true },
  slots: { title: 'slot_count', isLog: true },
  processes: { title: 'filter processes (number_of_processes)', isLog: false },
  hops: { title: 'buffers from importer to exporter (hops)', isLog: false },
  memory: { title: 'process', isLog: false },
};

export const SWEEP_SIZES = [8, 64, 512, 4096, 32_768, 262_144, 1_048_576] as const;
export const SWEEP_SLOTS = [8, 32, 128, 1024, 14_000] as const;
export const SWEEP_PROCESSES = [1, 2, 3, 4] as const;
export const SWEEP_HOPS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/** Events of a sweep point unless `--events` says: A's 100 000. */
export const SWEEP_EVENTS = 100_000;
/** A size point moves at most this many bytes per run (but at least MIN_SIZE_EVENTS events). */
const SIZE_BYTES_PER_RUN = 2 ** 30;
const MIN_SIZE_EVENTS = 1000;

/** One point of a sweep: A's chain with one thing changed, and the probes run interleaved with it. */
export interface SweepPoint {
  readonly sweep: SweepName;
  readonly x: number;
  readonly label: string;
  readonly events: number;
  readonly chain: ChainOptions;
  readonly scenario: Scenario;
  readonly probes: readonly SweepProbe[];
}

/** Events of a size point: the sweep's events, fewer for big events (a GiB per run at most). */
export function getSizeEvents(bytes: number, events: number): number {
  return Math.min(events, Math.max(MIN_SIZE_EVENTS, Math.floor(SIZE_BYTES_PER_RUN / bytes)));
}

function makePoint(
  sweep: SweepName,
  x: number,
  label: string,
  chain: ChainOptions,
  probes: readonly SweepProbe[],
): SweepPoint {
  const name = `${sweep}-${label}`;
  return {
    sweep,
    x,
    label,
    events: chain.events,
    chain,
    probes,
    scenario: {
      name,
      title: `A's chain, ${sweep} ${label}`,
      defaultEvents: chain.events,
      runOnce: async (context) => (await runChain(context, { ...chain, events: context.events })).measurement,
    },
  };
}

/** The points of a throughput sweep (`memory` has none: it is one run of its own). */
export function makeSweepPoints(sweep: SweepName, events = SWEEP_EVENTS): SweepPoint[] {
  switch (sweep) {
    case 'size':
      return SWEEP_SIZES.map((bytes) => {
        const chain = { ...makeChainA(getSizeEvents(bytes, events)), dataLength: bytes / 8 };
        const name = `size-${bytes}`;
        return makePoint(sweep, bytes, String(bytes), chain, [
          fifoProbe(name, 1),
          memcpyProbe(name, bytes, chain.slotCount),
        ]);
      });
    case 'slots':
      return SWEEP_SLOTS.map((slots) =>
        makePoint(sweep, slots, String(slots), { ...makeChainA(events), slotCount: slots }, [
          fifoProbe(`slots-${slots}`, 1),
        ]),
      );
    case 'processes':
      return SWEEP_PROCESSES.map((processes) =>
        makePoint(
          sweep,
          processes,
          String(processes),
          { ...makeChainA(events), filterProcesses: processes },
          [fifoProbe(`processes-${processes}`, 1)],
        ),
      );
    case 'hops':
      return SWEEP_HOPS.map((hops) =>
        makePoint(sweep, hops, String(hops), { ...makeChainA(events), hops }, [
          fifoProbe(`hops-${hops}`, hops - 1),
        ]),
      );
    case 'memory':
      return [];
  }
}
