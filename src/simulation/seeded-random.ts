import { randomBytes } from 'node:crypto';

const TWO_POW_24 = 2 ** 24;
const TWO_POW_26 = 2 ** 26;
const TWO_POW_53 = 2 ** 53;
const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** splitmix32: spreads a seed over the four state words, so that nearby seeds give unrelated streams. */
function splitmix32(state: number): [next: number, output: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) | 0];
}

/**
 * A seeded pseudo-random generator for simulations: the same seed gives the same numbers on every
 * machine. xoshiro128** (period 2^128 − 1) seeded through splitmix32; uniform numbers have 53
 * random bits, and the exponential and normal ones are exact transformations of them (inversion,
 * Marsaglia's polar method). Not for cryptography.
 */
export class SeededRandom {
  /** The seed this generator started from (log it to repeat a run). */
  readonly seed: number;
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  #spareNormal: number | undefined;

  /** `seed`: a whole number from 0 to 2^53 − 1. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`seed must be a whole number from 0 to 2^53 - 1, got ${String(seed)}`);
    }
    this.seed = seed;
    // Both halves of the seed go into the state.
    let state = ((seed % 2 ** 32) | 0) ^ Math.imul(Math.floor(seed / 2 ** 32), 0x2545f491);
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, output] = splitmix32(state);
      state = next;
      words.push(output);
    }
    [this.#a, this.#b, this.#c, this.#d] = words as [number, number, number, number];
    // The all-zero state is the one state xoshiro never leaves.
    if ((this.#a | this.#b | this.#c | this.#d) === 0) this.#d = 1;
  }

  /** A fresh seed from the operating system's random source, for a run that need not repeat. */
  static freshSeed(): number {
    return Number(randomBytes(8).readBigUInt64LE() % BigInt(MAX_SEED + 1));
  }

  /** The next 32 random bits, as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#b, 5), 7), 9);
    const t = this.#b << 9;
    this.#c ^= this.#a;
    this.#d ^= this.#b;
    this.#b ^= this.#c;
    this.#a ^= this.#d;
    this.#c ^= t;
    this.#d = rotl(this.#d, 11);
    return result >>> 0;
  }

  /** A number uniformly distributed in [0, 1), with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  }

  /**
   * Fills `array` with numbers uniformly distributed in [low, high), 24 random bits each (as many
   * as a float32 holds), one generator step per element: noise for a whole waveform at once.
   */
  fillUniform(array: Float32Array | Float64Array, low: number, high: number): void {
    const scale = (high - low) / TWO_POW_24;
    for (let i = 0; i < array.length; i++) array[i] = low + (this.nextUint32() >>> 8) * scale;
  }

  /** A whole number uniformly distributed from 0 to n − 1. */
  integer(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n must be a whole number >= 1, got ${n}`);
    return Math.floor(this.uniform() * n);
  }

  /** An exponentially distributed number with the given mean (waiting times, decay times). */
  exponential(mean = 1): number {
    return -mean * Math.log(1 - this.uniform());
  }

  /** A normally distributed number (Marsaglia's polar method; the pair's second value is kept for the next call). */
  normal(mean = 0, sigma = 1): number {
    const spare = this.#spareNormal;
    if (spare !== undefined) {
      this.#spareNormal = undefined;
      return mean + sigma * spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spareNormal = v * factor;
    return mean + sigma * u * factor;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
