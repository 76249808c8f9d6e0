/**
 * The lowest stretch of each valley around the local maxima: valley 0 from the first sample to
 * the first peak, valley k between peaks k-1 and k, valley `count` from the last peak to the
 * last sample; its value and its first and last sample. Between two neighbouring local maxima
 * the signal only falls, then only rises (else a maximum would lie between), so each valley has
 * one lowest stretch: a local minimum, or a stretch at the first or last sample.
 */
export interface Valleys {
  low: Float64Array;
  lowFirst: Int32Array;
  lowLast: Int32Array;
  /** Scratch: the local minima (their first and last sample) in ascending order. */
  minimaFirst: Int32Array;
  minimaLast: Int32Array;
}

/**
 * Finds the valleys of findLocalMaxima's `count` peaks, from the local minima found the same way
 * (without a branch per sample: noise makes it a coin toss). Returns false, with the valleys
 * unfinished, when x holds a NaN: the picture above does not hold then.
 */
export function findValleys(
  x: ArrayLike<number>,
  peaks: Int32Array,
  count: number,
  valleys: Valleys,
): boolean {
  if (count === 0) return true;
  const { minimaFirst, minimaLast } = valleys;
  const last = x.length - 1;
  let minima = 0;
  let nan = +(x[0] !== x[0]) | +(x[last] !== x[last]);
  let previous = x[0] as number;
  let current = x[1] as number;
  for (let i = 1; i < last; i++) {
    const next = x[i + 1] as number;
    minimaFirst[minima] = i;
    minimaLast[minima] = i;
    minima += +(previous > current) & +(next > current);
    nan |= +(current !== current);
    if (next === current && previous > current) {
      // A flat bottom starts here: a minimum if a higher sample ends it before the last sample.
      let ahead = i + 1;
      while (ahead < last && x[ahead] === current) ahead++;
      if ((x[ahead] as number) > current) {
        minimaFirst[minima] = i;
        minimaLast[minima++] = ahead - 1;
      }
    }
    previous = current;
    current = next;
  }
  if (nan !== 0) return false;
  // Before the first peak a local minimum, or else the stretch at the first sample.
  const hasHeadMinimum = minima > 0 && (minimaFirst[0] as number) < (peaks[0] as number) ? 1 : 0;
  if (hasHeadMinimum === 1) setValley(valleys, 0, x, minimaFirst[0] as number, minimaLast[0] as number);
  else {
    let end = 0;
    while (x[end + 1] === x[0]) end++;
    setValley(valleys, 0, x, 0, end);
  }
  for (let k = 1; k < count; k++) {
    const m = k - 1 + hasHeadMinimum;
    setValley(valleys, k, x, minimaFirst[m] as number, minimaLast[m] as number);
  }
  const tail = count - 1 + hasHeadMinimum;
  if (tail < minima) setValley(valleys, count, x, minimaFirst[tail] as number, minimaLast[tail] as number);
  else {
    let start = last;
    while (x[start - 1] === x[last]) start--;
    setValley(valleys, count, x, start, last);
  }
  return true;
}

function setValley(valleys: Valleys, k: number, x: ArrayLike<number>, first: number, last: number): void {
  valleys.low[k] = x[first] as number;
  valleys.lowFirst[k] = first;
  valleys.lowLast[k] = last;
}
