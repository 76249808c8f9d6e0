/** Any numeric typed array; bigint ones are converted to float64 on the way in, as numpy does. */
export type NumericTypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | BigInt64Array
  | BigUint64Array;

/** A signal (e.g. one waveform), read as float64 values like scipy's `x`. */
export type PeakSignal = readonly number[] | NumericTypedArray;

/** Sample indices, e.g. the `peaks` of findPeaks. */
export type PeakIndices =
  readonly number[] | Int32Array | Uint32Array | Int16Array | Uint16Array | Float64Array;

let bigintCopy = new Float64Array(0);

/**
 * The signal as numbers without a copy where it already is numbers; a bigint array is copied into
 * a reused scratch array (valid until the next call). Throws a TypeError for anything else.
 */
export function readSignal(x: unknown, what = 'x'): ArrayLike<number> {
  if (x instanceof BigInt64Array || x instanceof BigUint64Array) {
    if (bigintCopy.length < x.length) bigintCopy = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) bigintCopy[i] = Number(x[i]);
    return bigintCopy.subarray(0, x.length);
  }
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) return x as unknown as ArrayLike<number>;
  if (!Array.isArray(x))
    throw new TypeError(
      `\`${what}\` must be an array of numbers or a numeric typed array, got ${describe(x)}`,
    );
  for (let i = 0; i < x.length; i++) {
    if (typeof x[i] !== 'number')
      throw new TypeError(`\`${what}\` must hold numbers only, but ${what}[${i}] is ${describe(x[i])}`);
  }
  return x as number[];
}

/** Checks that `peaks` are whole-number indices into a signal of `length` samples. */
export function readPeakIndices(peaks: unknown, length: number): ArrayLike<number> {
  const isIndexArray =
    Array.isArray(peaks) ||
    (ArrayBuffer.isView(peaks) &&
      !(peaks instanceof DataView || peaks instanceof BigInt64Array || peaks instanceof BigUint64Array));
  if (!isIndexArray)
    throw new TypeError(`\`peaks\` must be an array of sample indices, got ${describe(peaks)}`);
  const indices = peaks as ArrayLike<unknown>;
  for (let k = 0; k < indices.length; k++) {
    const peak = indices[k];
    if (typeof peak !== 'number' || !Number.isInteger(peak))
      throw new TypeError(
        `\`peaks\` must hold whole-number indices into x, but peaks[${k}] is ${describe(peak)}`,
      );
    if (peak < 0 || peak >= length)
      throw new RangeError(`peak ${peak} is not a valid index for \`x\` (${length} samples)`);
  }
  return indices as ArrayLike<number>;
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return value.constructor?.name ?? 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `${typeof value} ${value}`;
  return typeof value;
}
