import { describe, expect, it } from 'vitest';
import { AGE_BIN_EDGES } from '../../../src/buffer/index.js';
import { AGE_WINDOW_SECONDS, AgeWindow } from '../../../src/control/stats/age-window.js';

/** A cumulative histogram with `count` samples in the bin that ends at `edge` seconds. */
function bins(entries: readonly (readonly [edge: number, count: number])[]): number[] {
  const all = new Array<number>(AGE_BIN_EDGES.length + 1).fill(0);
  for (const [edge, count] of entries) all[AGE_BIN_EDGES.indexOf(edge)] = count;
  return all;
}

describe('AgeWindow', () => {
  it('answers the quantiles of the samples of the last 10 s only', () => {
    const window = new AgeWindow();
    expect(window.sample(bins([]), 0)).toEqual({ p50: null, p99: null });
    // Slow events (about 1 s old) early on ...
    const early = window.sample(bins([[1, 100]]), 1);
    expect(early.p50).toBeGreaterThan(0.3);
    // ... then only fast ones (under 100 µs) for longer than the window.
    let latest = early;
    for (let t = 2; t <= 2 + AGE_WINDOW_SECONDS + 1; t++)
      latest = window.sample(
        bins([
          [1, 100],
          [1e-4, 100 * (t - 1)],
        ]),
        t,
      );
    expect(latest.p99).toBeLessThanOrEqual(1e-4);
    expect(latest.p50).toBeGreaterThan(3e-5);
  });

  it('answers null once no sample came within the window', () => {
    const window = new AgeWindow();
    window.sample(bins([]), 0);
    expect(window.sample(bins([[0.01, 5]]), 1).p50).not.toBeNull();
    expect(window.sample(bins([[0.01, 5]]), 2 + AGE_WINDOW_SECONDS).p50).toBeNull();
  });
});
