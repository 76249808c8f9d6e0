// Bad options and inputs of findPeaks, peakProminences and peakWidths: the error class and the exact message.
import { describe, expect, it } from 'vitest';
import { findPeaks, peakProminences, peakWidths, type FindPeaksOptions } from '../../../src/peaks/index.js';

const x = Float64Array.from([0, 1, 0, 3, 1, 2, 0]);

describe('findPeaks options', () => {
  it.each<[string, unknown, ErrorConstructor, string]>([
    ['distance below 1', { distance: 0.5 }, RangeError, '`distance` must be a finite number >= 1, got 0.5'],
    ['distance NaN', { distance: NaN }, RangeError, '`distance` must be a finite number >= 1, got NaN'],
    ['distance not a number', { distance: '3' }, TypeError, '`distance` must be a number, got "3"'],
    ['wlen 1', { prominence: 1, wlen: 1 }, RangeError, '`wlen` must be larger than 1 (samples), got 1'],
    [
      'negative rel_height',
      { width: 1, rel_height: -0.1 },
      RangeError,
      '`rel_height` must be >= 0, got -0.1',
    ],
    [
      'unknown option',
      { hieght: 1 },
      TypeError,
      'unknown findPeaks option `hieght`; the options are height, threshold, distance, prominence, width, wlen, rel_height, plateau_size',
    ],
    ['options not an object', 5, TypeError, 'findPeaks options must be an object, got number 5'],
    [
      'a border of the wrong type',
      { height: [0, 'high'] },
      TypeError,
      'the upper border of `height` must be a number, null or an array with one number per sample of x, got "high"',
    ],
    ['a NaN border', { prominence: [NaN, null] }, RangeError, 'the lower border of `prominence` is NaN'],
    [
      'a per-sample border of the wrong length',
      { threshold: [[0, 0, 0], null] },
      RangeError,
      'the lower border of `threshold` is an array of 3 values, but an array border needs one per sample of x (7)',
    ],
    [
      'an array that is neither a pair nor one per sample',
      { width: [1, 2, 3] },
      TypeError,
      '`width` must be a number, a [min, max] pair (null for an open end) or an array with one number per sample of x (7), got an array of 3',
    ],
  ])('%s', (_name, options, errorClass, message) => {
    expect(() => findPeaks(x, options as FindPeaksOptions)).toThrow(errorClass);
    expect(() => findPeaks(x, options as FindPeaksOptions)).toThrow(message);
  });

  it('takes undefined and null as not given, as scipy takes None', () => {
    const result = findPeaks(x, { height: undefined, distance: null, prominence: null, wlen: null });
    expect(Array.from(result.peaks)).toEqual([1, 3, 5]);
    expect(result.properties).toEqual({});
  });

  it('rejects a signal that is not numbers', () => {
    expect(() => findPeaks([0, 1, '2', 0] as unknown as number[])).toThrow(
      new TypeError('`x` must hold numbers only, but x[2] is "2"'),
    );
    expect(() => findPeaks('0120' as unknown as number[])).toThrow(
      new TypeError('`x` must be an array of numbers or a numeric typed array, got "0120"'),
    );
  });

  it('reads bigint samples as numbers', () => {
    const result = findPeaks(BigInt64Array.from([0n, 5n, 0n, 7n, 7n, 0n]), { plateau_size: 1 });
    expect(Array.from(result.peaks)).toEqual([1, 3]);
    expect(Array.from(result.properties.plateau_sizes ?? [])).toEqual([1, 2]);
  });

  it('returns fresh arrays: a later call does not change an earlier result', () => {
    const first = findPeaks(x, { height: 0 });
    findPeaks(Float64Array.from([5, 0, 9, 0, 5]), { height: 0 });
    expect(Array.from(first.peaks)).toEqual([1, 3, 5]);
    expect(Array.from(first.properties.peak_heights ?? [])).toEqual([1, 3, 2]);
  });
});

describe('peakProminences and peakWidths', () => {
  it.each<[string, () => unknown, ErrorConstructor, string]>([
    [
      'a peak outside x',
      () => peakProminences(x, [3, 7]),
      RangeError,
      'peak 7 is not a valid index for `x` (7 samples)',
    ],
    [
      'a negative peak',
      () => peakWidths(x, [-1]),
      RangeError,
      'peak -1 is not a valid index for `x` (7 samples)',
    ],
    [
      'a fractional peak',
      () => peakProminences(x, [1.5]),
      TypeError,
      '`peaks` must hold whole-number indices into x, but peaks[0] is number 1.5',
    ],
    [
      'peaks not an array',
      () => peakProminences(x, 3 as unknown as number[]),
      TypeError,
      '`peaks` must be an array of sample indices, got number 3',
    ],
    [
      'wlen too small',
      () => peakProminences(x, [3], { wlen: 0.5 }),
      RangeError,
      '`wlen` must be larger than 1 (samples), got 0.5',
    ],
    [
      'negative rel_height',
      () => peakWidths(x, [3], { rel_height: -1 }),
      RangeError,
      '`rel_height` must be >= 0, got -1',
    ],
    [
      'prominence data of another length',
      () => peakWidths(x, [1, 3], { prominence_data: peakProminences(x, [3]) }),
      RangeError,
      'the arrays of `prominence_data` must have one entry per peak (2), got 1, 1 and 1',
    ],
    [
      'bases on the wrong side',
      () =>
        peakWidths(x, [3], {
          prominence_data: {
            prominences: Float64Array.of(1),
            left_bases: Int32Array.of(4),
            right_bases: Int32Array.of(6),
          },
        }),
      RangeError,
      'prominence data is invalid for peak 3: needs 0 <= left base (4) <= peak <= right base (6) < 7',
    ],
  ])('%s', (_name, call, errorClass, message) => {
    expect(call).toThrow(errorClass);
    expect(call).toThrow(message);
  });

  it('gives a point that is not a local maximum prominence 0, as scipy', () => {
    const { prominences, left_bases, right_bases } = peakProminences(x, [2, 3]);
    expect(Array.from(prominences)).toEqual([0, 3]);
    expect(Array.from(left_bases)).toEqual([2, 2]);
    expect(Array.from(right_bases)).toEqual([2, 6]);
  });
});

describe('the same options object again', () => {
  it('is checked again when a value in it changed', () => {
    const options: { height?: number | [number, number | null]; distance?: number } = { height: [0, null] };
    expect(Array.from(findPeaks(x, options).peaks)).toEqual([1, 3, 5]);
    options.height = [2, null];
    expect(Array.from(findPeaks(x, options).peaks)).toEqual([3, 5]);
    options.height[1] = 2.5;
    expect(Array.from(findPeaks(x, options).peaks)).toEqual([5]);
    options.distance = 0;
    expect(() => findPeaks(x, options)).toThrow('`distance` must be a finite number >= 1, got 0');
    delete options.distance;
    expect(Array.from(findPeaks(Float64Array.from([0, 2, 0, 3, 0]), options).peaks)).toEqual([1]);
  });
});
