import type { ProcessSample } from './process-sample.js';

/** One process's samples over the run. */
export interface Series {
  readonly label: string;
  readonly points: (ProcessSample & { readonly t: number })[];
}

/** How far a measure strays after the start from its value at the end of the start. */
export interface Flatness {
  /** The first sample at or after `settleS`. */
  readonly reference: number;
  readonly min: number;
  readonly max: number;
  /** The largest |value - reference| / reference after it. */
  readonly drift: number;
}

/** undefined when the process has no sample after `settleS` (it ended, or the run was short). */
export function flatness(
  series: Series,
  measure: (sample: ProcessSample) => number,
  settleS: number,
): Flatness | undefined {
  const after = series.points.filter((point) => point.t >= settleS).map(measure);
  const reference = after[0];
  if (reference === undefined || reference === 0) return undefined;
  const min = Math.min(...after);
  const max = Math.max(...after);
  return { reference, min, max, drift: Math.max(reference - min, max - reference) / reference };
}

/** `123.4 MiB`. */
export function formatMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
