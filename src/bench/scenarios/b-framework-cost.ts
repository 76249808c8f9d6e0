import { sumExtras } from '../sweep/sweep-record.js';
import type { RunMeasurement } from '../types.js';

/** The b-workload probe's extras: CPU µs per event of B's fill, copy and check, each timed alone. */
export const B_WORKLOAD_KEYS = [
  'fill_cpu_us_per_event',
  'copy_cpu_us_per_event',
  'check_cpu_us_per_event',
] as const;

/** The processes of the floor probe (B's workload across three processes, no framework). */
export const B_FLOOR_PROCESSES = ['importer', 'filter', 'exporter'] as const;
export type BFloorProcess = (typeof B_FLOOR_PROCESSES)[number];

/** The reference's extras key of a floor process's CPU µs per event. */
export function getFloorKey(process: BFloorProcess): string {
  return `floor_${process}_cpu_us_per_event`;
}

function getExtra(run: RunMeasurement, key: string): number {
  const value = run.extras?.[key];
  if (value === undefined) throw new RangeError(`the reference's run has no '${key}'`);
  return value;
}

/** Fill, copy and check of one reference run added up: B's work per event with hot caches. */
function getWorkloadUs(probe: RunMeasurement): number {
  return B_WORKLOAD_KEYS.reduce((sum, key) => sum + getExtra(probe, key), 0);
}

/**
 * The framework's own CPU per event in one round of B: the CPU µs per event of all of B's workers
 * added up (`<worker>_cpu_us_per_event`) minus the fill, copy and check of the probe's run of
 * the same round, and that as a share of B's total.
 */
export function getFrameworkCost(
  chain: RunMeasurement,
  probe: RunMeasurement,
): { framework_us_per_event: number; framework_share: number } {
  const total = sumExtras(chain, '_cpu_us_per_event');
  const framework = total - getWorkloadUs(probe);
  return { framework_us_per_event: framework, framework_share: framework / total };
}

/**
 * The same figure for the floor probe of one reference run: its three processes' CPU µs per
 * event added up minus the same run's fill, copy and check. What no design of three processes
 * can go below on this machine: the handover at its thinnest, and the copy and check of data
 * another process wrote.
 */
export function getFloorCost(probe: RunMeasurement): { floor_us_per_event: number; floor_share: number } {
  const total = B_FLOOR_PROCESSES.reduce((sum, name) => sum + getExtra(probe, getFloorKey(name)), 0);
  const floor = total - getWorkloadUs(probe);
  return { floor_us_per_event: floor, floor_share: floor / total };
}

/** B's figures of one round: the framework's cost and the floor's, from that round's reference run. */
export function compareWithFloor(chain: RunMeasurement, probe: RunMeasurement): Record<string, number> {
  return { ...getFrameworkCost(chain, probe), ...getFloorCost(probe) };
}
