import type { Valleys } from './valleys.js';

/** Scratch of computeProminencesOfMaxima: room for one entry per local maximum. */
export interface MaximaStack {
  height: Float64Array;
  low: Float64Array;
  lowAt: Int32Array;
}

/**
 * The prominences and bases of all local maxima of x (as findLocalMaxima gives them, with their
 * valleys from findValleys), the same as computeProminences without a window gives, in two passes
 * over the maxima instead of a walk over the samples per peak (from a high peak, a walk crosses
 * the whole signal; a noisy waveform has a thousand maxima).
 *
 * A walk left from a peak passes every valley up to the first higher peak, and all of the valley
 * right of that one (it stops on its far slope): so the left base is the lowest of those valleys,
 * the rightmost among equals, as the walk keeps the first it meets. Left to right, a stack holds
 * the maxima not yet exceeded, each with the lowest valley it has passed; a new peak pops those not
 * higher than itself and takes over their valleys. Right to left the same gives the right bases.
 */
export function computeProminencesOfMaxima(
  x: ArrayLike<number>,
  peaks: Int32Array,
  count: number,
  valleys: Valleys,
  stack: MaximaStack,
  prominences: Float64Array,
  leftBases: Int32Array,
  rightBases: Int32Array,
): void {
  const { height, low: stackLow, lowAt: stackLowAt } = stack;
  const { low, lowFirst, lowLast } = valleys;
  let depth = 0;
  for (let k = 0; k < count; k++) {
    const top = x[peaks[k] as number] as number;
    let lowest = low[k] as number;
    let lowestAt = lowLast[k] as number;
    while (depth > 0 && (height[depth - 1] as number) <= top) {
      depth--;
      // Valleys further left win only when strictly lower.
      if ((stackLow[depth] as number) < lowest) {
        lowest = stackLow[depth] as number;
        lowestAt = stackLowAt[depth] as number;
      }
    }
    height[depth] = top;
    stackLow[depth] = lowest;
    stackLowAt[depth] = lowestAt;
    depth++;
    prominences[k] = lowest; // the left minimum, until the right pass
    leftBases[k] = lowestAt;
  }
  depth = 0;
  for (let k = count - 1; k >= 0; k--) {
    const top = x[peaks[k] as number] as number;
    let lowest = low[k + 1] as number;
    let lowestAt = lowFirst[k + 1] as number;
    while (depth > 0 && (height[depth - 1] as number) <= top) {
      depth--;
      if ((stackLow[depth] as number) < lowest) {
        lowest = stackLow[depth] as number;
        lowestAt = stackLowAt[depth] as number;
      }
    }
    height[depth] = top;
    stackLow[depth] = lowest;
    stackLowAt[depth] = lowestAt;
    depth++;
    rightBases[k] = lowestAt;
    prominences[k] = top - Math.max(prominences[k] as number, lowest);
  }
}
