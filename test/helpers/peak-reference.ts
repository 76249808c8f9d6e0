// Reading scipy's answers (test/fixtures/peaks/make-reference.py) and comparing ours with them.
import { expect } from 'vitest';
import type { FindPeaksOptions, PeakSignal } from '../../src/peaks/index.js';

export type ReferenceDtype = 'float64' | 'float32' | 'int16' | 'uint8' | 'int32';

/** Integers exactly, floats to this relative difference (scipy's loops are the same arithmetic). */
const RELATIVE_TOLERANCE = 1e-12;

/** The typed array of the dtype the reference script gave scipy. */
export function makeSignal(x: readonly number[], dtype: ReferenceDtype): PeakSignal {
  switch (dtype) {
    case 'float64':
      return Float64Array.from(x);
    case 'float32':
      return Float32Array.from(x);
    case 'int16':
      return Int16Array.from(x);
    case 'uint8':
      return Uint8Array.from(x);
    case 'int32':
      return Int32Array.from(x);
  }
}

/** JSON options (null for open ends) as findPeaks takes them. */
export function asOptions(options: Record<string, unknown>): FindPeaksOptions {
  return options;
}

function isClose(actual: number, expected: number): boolean {
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= RELATIVE_TOLERANCE * Math.max(Math.abs(actual), Math.abs(expected));
}

/** Fails naming the case and the key when `actual` differs from scipy's `expected`. */
export function expectSameArrays(
  what: string,
  actual: Record<string, ArrayLike<number> | undefined>,
  expected: Record<string, readonly number[]>,
): void {
  expect(Object.keys(actual).sort(), `${what}: property names`).toEqual(Object.keys(expected).sort());
  for (const [key, values] of Object.entries(expected)) {
    const ours = Array.from(actual[key] ?? []);
    expect(ours.length, `${what}: ${key} length`).toBe(values.length);
    const isInteger =
      key === 'peaks' || key.endsWith('_bases') || key.endsWith('_edges') || key === 'plateau_sizes';
    if (isInteger) expect(actual[key] instanceof Int32Array, `${what}: ${key} is an Int32Array`).toBe(true);
    else expect(actual[key] instanceof Float64Array, `${what}: ${key} is a Float64Array`).toBe(true);
    const firstDifference = values.findIndex((value, i) =>
      isInteger ? ours[i] !== value : !isClose(ours[i] as number, value),
    );
    if (firstDifference >= 0)
      expect.fail(
        `${what}: ${key}[${firstDifference}] is ${ours[firstDifference]}, scipy says ${values[firstDifference]}`,
      );
  }
}
