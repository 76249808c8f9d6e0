/**
 * Finds every local maximum of x, flat tops included, as scipy's `_local_maxima_1d`: a sample
 * (or a run of equal samples) higher than its neighbours on both sides. Samples at the borders
 * are never peaks. A flat top's peak is its middle sample (the left one of two middles).
 * Writes the peaks and their plateau edges into the arrays (room for length/2 + 1 entries)
 * and returns how many there are.
 */
export function findLocalMaxima(
  x: ArrayLike<number>,
  peaks: Int32Array,
  leftEdges: Int32Array,
  rightEdges: Int32Array,
): number {
  let count = 0;
  const last = x.length - 1;
  let i = 1;
  while (i < last) {
    const value = x[i] as number;
    if ((x[i - 1] as number) < value) {
      let ahead = i + 1;
      while (ahead < last && x[ahead] === value) ahead++;
      if ((x[ahead] as number) < value) {
        leftEdges[count] = i;
        rightEdges[count] = ahead - 1;
        peaks[count] = (i + ahead - 1) >> 1;
        count++;
        i = ahead;
      }
    }
    i++;
  }
  return count;
}
