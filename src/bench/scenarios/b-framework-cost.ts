import { sumExtras } from '../sweep/sweep-record.js';
import type { RunMeasurement } from '../types.js';

/** The b-workload probe's extras: CPU µs per event of B's fill, copy and check, each timed alone. */
export const B_WORKLOAD_KEYS = [
  'fill_cpu_us_per_event',
  'copy_cpu_us_per_event',
  'check_cpu_us_per_event',
] as const;

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
  const workload = B_WORKLOAD_KEYS.reduce((sum, key) => {
    const value = probe.extras?.[key];
    if (value === undefined) throw new RangeError(`the reference's run has no '${key}'`);
    return sum + value;
  }, 0);
  const framework = total - workload;
  return { framework_us_per_event: framework, framework_share: framework / total };
}
