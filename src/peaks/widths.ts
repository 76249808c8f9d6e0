/**
 * The width of each peak at `relHeight` times its prominence below the top, as scipy's
 * `_peak_widths`: from the peak, walk out to the first sample at or below that height (not past
 * the peak's bases) and interpolate linearly between it and its inner neighbour. Writes entries
 * 0..count-1 of the four output arrays; the positions are fractional sample indices.
 */
export function computeWidths(
  x: ArrayLike<number>,
  peaks: ArrayLike<number>,
  count: number,
  relHeight: number,
  prominences: ArrayLike<number>,
  leftBases: ArrayLike<number>,
  rightBases: ArrayLike<number>,
  widths: Float64Array,
  widthHeights: Float64Array,
  leftIps: Float64Array,
  rightIps: Float64Array,
): void {
  for (let k = 0; k < count; k++) {
    const peak = peaks[k] as number;
    const leftBase = leftBases[k] as number;
    const rightBase = rightBases[k] as number;
    const height = (x[peak] as number) - (prominences[k] as number) * relHeight;
    let i = peak;
    while (leftBase < i && height < (x[i] as number)) i--;
    let left = i;
    if ((x[i] as number) < height)
      left += (height - (x[i] as number)) / ((x[i + 1] as number) - (x[i] as number));
    i = peak;
    while (i < rightBase && height < (x[i] as number)) i++;
    let right = i;
    if ((x[i] as number) < height)
      right -= (height - (x[i] as number)) / ((x[i - 1] as number) - (x[i] as number));
    widthHeights[k] = height;
    leftIps[k] = left;
    rightIps[k] = right;
    widths[k] = right - left;
  }
}
