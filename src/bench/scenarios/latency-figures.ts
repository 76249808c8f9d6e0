import { roundTo } from '../stats.js';
import type { RunMeasurement, SeriesFigures } from '../types.js';

/** The pace of F and its reference probe. */
export const LATENCY_RATE_HZ = 10_000;

/** Per-run latency percentiles, in ms, as the receiving process reports them. */
export const LATENCY_KEYS = [
  'latency_p50_ms',
  'latency_p99_ms',
  'latency_p999_ms',
  'latency_max_ms',
] as const;

/**
 * The receiver measured arrival minus the sender's timestamp, each on its own clock
 * (performance.timeOrigin + performance.now()); `skewMs` (receiver's offset to the shared
 * monotonic clock minus the sender's) is what that adds to every latency.
 */
export function correctLatencies(
  read: (key: string) => number,
  skewMs: number,
): Record<(typeof LATENCY_KEYS)[number] | 'clock_skew_ms', number> {
  return {
    latency_p50_ms: read('latency_p50_ms') - skewMs,
    latency_p99_ms: read('latency_p99_ms') - skewMs,
    latency_p999_ms: read('latency_p999_ms') - skewMs,
    latency_max_ms: read('latency_max_ms') - skewMs,
    clock_skew_ms: skewMs,
  };
}

/** The worst latency of the series and every run's p99 and maximum. */
export function summarizeLatency(measurements: readonly RunMeasurement[]): SeriesFigures {
  const p99 = measurements.map((m) => roundTo(m.extras?.['latency_p99_ms'] ?? NaN, 3));
  const max = measurements.map((m) => roundTo(m.extras?.['latency_max_ms'] ?? NaN, 3));
  return { latency_p99_ms_runs: p99, latency_max_ms_runs: max, latency_max_ms_worst: Math.max(...max) };
}
