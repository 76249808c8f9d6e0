// findPeaks finds the prominences of all maxima in two passes when there is no window, and walks
// from each peak (as scipy) when there is one: a window wider than the signal must give the same.
import { describe, expect, it } from 'vitest';
import { makeNormal, makeRandom } from '../../../src/bench/peaks/muon-waveforms.js';
import { findPeaks } from '../../../src/peaks/index.js';

const random = makeRandom(7);
const normal = makeNormal(random);

/** Noise and pulses rounded to a few levels: flat tops, flat valleys and equal heights everywhere. */
function steppedSignal(): Float64Array {
  const n = 3 + Math.floor(random() * 300);
  const step = [0.25, 0.5, 1, 3][Math.floor(random() * 4)] as number;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.round((normal() + (random() < 0.05 ? 6 : 0)) / step) * step;
  return x;
}

describe('prominences without a window', () => {
  it('equal those of the walks on signals full of flat stretches', () => {
    for (let t = 0; t < 2000; t++) {
      const x = steppedSignal();
      const options = { prominence: 0, width: 0, rel_height: random() };
      const passes = findPeaks(x, options);
      const walks = findPeaks(x, { ...options, wlen: 4 * x.length + 1 });
      expect({ ...passes.properties, peaks: passes.peaks }, `signal ${Array.from(x).join(',')}`).toEqual({
        ...walks.properties,
        peaks: walks.peaks,
      });
    }
  });

  it('are walked when the signal holds NaN, as scipy does', () => {
    const x = Float64Array.from([0, 3, 1, NaN, 1, 2, 0, 5, 0]);
    const result = findPeaks(x, { prominence: 0 });
    expect(Array.from(result.peaks)).toEqual([1, 5, 7]);
    expect(Array.from(result.properties.prominences ?? [])).toEqual([2, 1, 5]);
    expect(Array.from(result.properties.left_bases ?? [])).toEqual([0, 4, 6]);
    expect(Array.from(result.properties.right_bases ?? [])).toEqual([2, 6, 8]);
  });
});
