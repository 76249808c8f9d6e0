import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/simulation/index.js';

const N = 100_000;

/** Kolmogorov–Smirnov distance between a sample and a distribution function. */
function ksDistance(sample: number[], cdf: (x: number) => number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  let distance = 0;
  for (const [i, x] of sorted.entries()) {
    const f = cdf(x);
    distance = Math.max(distance, Math.abs(f - i / sorted.length), Math.abs((i + 1) / sorted.length - f));
  }
  return distance;
}

/** The standard normal distribution function (erf to 1.5e-7, Abramowitz & Stegun 7.1.26). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

// 1.63/√n is the 1 % critical value of the KS distance; with fixed seeds these tests are exact repeats.
const KS_LIMIT = 1.63 / Math.sqrt(N);

describe('SeededRandom', () => {
  it('is xoshiro128** seeded through splitmix32 (the C reference gives these numbers for seed 42)', () => {
    const random = new SeededRandom(42);
    expect(Array.from({ length: 6 }, () => random.nextUint32())).toEqual([
      2837322924, 544945897, 479756282, 3500138142, 339756180, 113173290,
    ]);
  });

  it('repeats a stream for the same seed and gives another for another seed, also above 2^32', () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 4 }, () => random.uniform());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(2 ** 40 + 7)).not.toEqual(draw(7));
    expect(draw(Number.MAX_SAFE_INTEGER)).toEqual(draw(Number.MAX_SAFE_INTEGER));
  });

  it('draws uniform numbers in [0, 1) with the right distribution', () => {
    const random = new SeededRandom(1);
    const sample = Array.from({ length: N }, () => random.uniform());
    expect(Math.min(...sample)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...sample)).toBeLessThan(1);
    expect(ksDistance(sample, (x) => x)).toBeLessThan(KS_LIMIT);
  });

  it('draws exponential numbers of the given mean', () => {
    const random = new SeededRandom(2);
    const sample = Array.from({ length: N }, () => random.exponential(2197));
    expect(ksDistance(sample, (x) => 1 - Math.exp(-x / 2197))).toBeLessThan(KS_LIMIT);
    const mean = sample.reduce((sum, x) => sum + x, 0) / N;
    expect(Math.abs(mean - 2197)).toBeLessThan((5 * 2197) / Math.sqrt(N));
  });

  it('draws normal numbers of the given mean and sigma', () => {
    const random = new SeededRandom(3);
    const sample = Array.from({ length: N }, () => random.normal(250, 75));
    expect(ksDistance(sample, (x) => normalCdf((x - 250) / 75))).toBeLessThan(KS_LIMIT);
  });

  it('fills an array with uniform numbers in [low, high)', () => {
    const random = new SeededRandom(4);
    const array = new Float32Array(N);
    random.fillUniform(array, -482, -478);
    const sample = Array.from(array);
    expect(Math.min(...sample)).toBeGreaterThanOrEqual(-482);
    expect(Math.max(...sample)).toBeLessThan(-478);
    expect(ksDistance(sample, (x) => (x + 482) / 4)).toBeLessThan(KS_LIMIT);
  });

  it('draws whole numbers from 0 to n - 1 evenly', () => {
    const random = new SeededRandom(5);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[random.integer(7)]! += 1;
    // χ² with 6 degrees of freedom: 22.5 is its 0.1 % point.
    const chi2 = counts.reduce((sum, c) => sum + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(22.5);
  });

  it.each([[-1], [1.5], [Number.NaN], [2 ** 53]])('refuses the seed %s', (seed) => {
    expect(() => new SeededRandom(seed)).toThrow(/seed must be a whole number from 0 to 2\^53 - 1/);
  });

  it('draws fresh seeds that are valid and differ', () => {
    const seeds = Array.from({ length: 8 }, () => SeededRandom.freshSeed());
    for (const seed of seeds) expect(Number.isSafeInteger(seed) && seed >= 0).toBe(true);
    expect(new Set(seeds).size).toBe(8);
  });
});
