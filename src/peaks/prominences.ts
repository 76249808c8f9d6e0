/**
 * The prominence of each peak and its bases, as scipy's `_peak_prominences`: from the peak, walk
 * left and right while the signal stays at or below the peak (within the window of `wlen`
 * samples around it, when wlen >= 2); the lowest sample on each side (the one nearest the peak
 * among equals) is that side's base, and the prominence is the peak's height above the higher
 * base. Writes entries 0..count-1 of the three output arrays.
 */
export function computeProminences(
  x: ArrayLike<number>,
  peaks: ArrayLike<number>,
  count: number,
  wlen: number,
  prominences: Float64Array,
  leftBases: Int32Array,
  rightBases: Int32Array,
): void {
  const last = x.length - 1;
  const halfWindow = wlen >= 2 ? Math.floor(wlen / 2) : -1;
  for (let k = 0; k < count; k++) {
    const peak = peaks[k] as number;
    const top = x[peak] as number;
    let first = 0;
    let end = last;
    if (halfWindow >= 0) {
      first = Math.max(peak - halfWindow, 0);
      end = Math.min(peak + halfWindow, last);
    }
    let leftMin = top;
    let leftBase = peak;
    for (let i = peak; i >= first; i--) {
      const value = x[i] as number;
      if (!(value <= top)) break;
      if (value < leftMin) {
        leftMin = value;
        leftBase = i;
      }
    }
    let rightMin = top;
    let rightBase = peak;
    for (let i = peak; i <= end; i++) {
      const value = x[i] as number;
      if (!(value <= top)) break;
      if (value < rightMin) {
        rightMin = value;
        rightBase = i;
      }
    }
    leftBases[k] = leftBase;
    rightBases[k] = rightBase;
    prominences[k] = top - Math.max(leftMin, rightMin);
  }
}
