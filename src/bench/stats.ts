/** The median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median() needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Element-wise a[i] / b[i] of two lists of equal length (the runs of two interleaved variants). */
export function pairRatios(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length)
    throw new RangeError(`pairRatios() needs equal lengths, got ${a.length} and ${b.length}`);
  return a.map((value, i) => value / (b[i] as number));
}

/** Rounds to `digits` significant digits (JSON and tables need no more than the noise allows). */
export function roundTo(value: number, digits: number): number {
  return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(digits)) : value;
}
