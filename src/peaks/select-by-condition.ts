import type { ResolvedCondition } from './options.js';

function borderAt(border: number | ArrayLike<number>, peak: number): number {
  return typeof border === 'number' ? border : (border[peak] as number);
}

/** Marks in `keep` the peaks whose property lies within the condition's ends (inclusive), as scipy. */
export function selectByCondition(
  values: ArrayLike<number>,
  peaks: Int32Array,
  count: number,
  condition: ResolvedCondition,
  keep: Uint8Array,
): void {
  const { min, max } = condition;
  for (let k = 0; k < count; k++) {
    const value = values[k] as number;
    const peak = peaks[k] as number;
    const isKept =
      (min === null || borderAt(min, peak) <= value) && (max === null || value <= borderAt(max, peak));
    keep[k] = isKept ? 1 : 0;
  }
}

/**
 * Marks in `keep` the peaks whose smaller threshold (vertical distance to a neighbour) is at
 * least the minimum and whose larger one is at most the maximum, as scipy.
 */
export function selectByThreshold(
  leftThresholds: ArrayLike<number>,
  rightThresholds: ArrayLike<number>,
  peaks: Int32Array,
  count: number,
  condition: ResolvedCondition,
  keep: Uint8Array,
): void {
  const { min, max } = condition;
  for (let k = 0; k < count; k++) {
    const left = leftThresholds[k] as number;
    const right = rightThresholds[k] as number;
    const peak = peaks[k] as number;
    const isKept =
      (min === null || borderAt(min, peak) <= Math.min(left, right)) &&
      (max === null || Math.max(left, right) <= borderAt(max, peak));
    keep[k] = isKept ? 1 : 0;
  }
}
