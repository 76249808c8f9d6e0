/**
 * Finds every local maximum of x, flat tops included, as scipy's `_local_maxima_1d`: a sample,
 * or a run of equal samples, with a lower sample on each side. The first and the last sample are
 * never peaks; a flat top's peak is its middle sample (the left one of two middles). Writes the
 * peaks in ascending order (room for length/2 + 1) and returns how many there are.
 */
export function findLocalMaxima(x: ArrayLike<number>, peaks: Int32Array): number {
  const last = x.length - 1;
  if (last < 2) return 0;
  let count = 0;
  let previous = x[0] as number;
  let current = x[1] as number;
  for (let i = 1; i < last; i++) {
    const next = x[i + 1] as number;
    // Without a branch: noise makes `is this a peak` a coin toss the CPU cannot predict.
    peaks[count] = i;
    count += +(previous < current) & +(next < current);
    if (next === current && previous < current) {
      // A flat top starts here: a peak if a lower sample ends it before the last sample.
      let ahead = i + 1;
      while (ahead < last && x[ahead] === current) ahead++;
      if ((x[ahead] as number) < current) peaks[count++] = (i + ahead - 1) >> 1;
    }
    previous = current;
    current = next;
  }
  return count;
}

/** The first and last sample of each peak's flat top (both the peak itself when it has none). */
export function findPlateauEdges(
  x: ArrayLike<number>,
  peaks: Int32Array,
  count: number,
  leftEdges: Int32Array,
  rightEdges: Int32Array,
): void {
  for (let k = 0; k < count; k++) {
    const peak = peaks[k] as number;
    const top = x[peak];
    let left = peak;
    while (x[left - 1] === top) left--;
    let right = peak;
    while (x[right + 1] === top) right++;
    leftEdges[k] = left;
    rightEdges[k] = right;
  }
}
