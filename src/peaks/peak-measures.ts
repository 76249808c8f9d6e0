import { resolveRelHeight, resolveWlen } from './options.js';
import { computeProminences } from './prominences.js';
import { readPeakIndices, readSignal, type PeakIndices, type PeakSignal } from './signal.js';
import { computeWidths } from './widths.js';

/** The prominences of peaks and their bases (sample indices), as scipy.signal.peak_prominences. */
export interface PeakProminences {
  prominences: Float64Array;
  left_bases: Int32Array;
  right_bases: Int32Array;
}

/** The widths of peaks, the heights they are measured at and the interpolated crossings, as scipy.signal.peak_widths. */
export interface PeakWidths {
  widths: Float64Array;
  width_heights: Float64Array;
  left_ips: Float64Array;
  right_ips: Float64Array;
}

export interface PeakProminencesOptions {
  /** Window length in samples (> 1, rounded up) around each peak; by default the whole signal. */
  readonly wlen?: number | null | undefined;
}

export interface PeakWidthsOptions extends PeakProminencesOptions {
  /**
   * Where the width is measured, as a fraction of the prominence below the peak (>= 0).
   * @default 0.5
   */
  readonly rel_height?: number | undefined;
  /** The peaks' prominences and bases from peakProminences; computed (with `wlen`) when not given. */
  readonly prominence_data?: PeakProminences | undefined;
}

/**
 * The prominence of each of `peaks` (sample indices) in `x`, as scipy.signal.peak_prominences:
 * how far a peak stands out above the higher of its two bases. A peak index that is not a local
 * maximum gets prominence 0 (scipy also warns). Throws a RangeError for an index outside x.
 */
export function peakProminences(
  x: PeakSignal,
  peaks: PeakIndices,
  options: PeakProminencesOptions = {},
): PeakProminences {
  const signal = readSignal(x);
  const wlen = resolveWlen(options.wlen);
  return measureProminences(signal, readPeakIndices(peaks, signal.length), wlen);
}

function measureProminences(
  signal: ArrayLike<number>,
  indices: ArrayLike<number>,
  wlen: number,
): PeakProminences {
  const count = indices.length;
  const result: PeakProminences = {
    prominences: new Float64Array(count),
    left_bases: new Int32Array(count),
    right_bases: new Int32Array(count),
  };
  computeProminences(signal, indices, count, wlen, result.prominences, result.left_bases, result.right_bases);
  return result;
}

function checkProminenceData(data: PeakProminences, indices: ArrayLike<number>, length: number): void {
  const count = indices.length;
  const { prominences, left_bases: leftBases, right_bases: rightBases } = data;
  if (prominences.length !== count || leftBases.length !== count || rightBases.length !== count)
    throw new RangeError(
      `the arrays of \`prominence_data\` must have one entry per peak (${count}), got ${prominences.length}, ${leftBases.length} and ${rightBases.length}`,
    );
  for (let k = 0; k < count; k++) {
    const peak = indices[k] as number;
    const left = leftBases[k] as number;
    const right = rightBases[k] as number;
    if (!(0 <= left && left <= peak && peak <= right && right < length))
      throw new RangeError(
        `prominence data is invalid for peak ${peak}: needs 0 <= left base (${left}) <= peak <= right base (${right}) < ${length}`,
      );
  }
}

/**
 * The width of each of `peaks` in `x` at `rel_height` times its prominence below its top, as
 * scipy.signal.peak_widths; `left_ips` and `right_ips` are the fractional sample positions where
 * the signal crosses that height.
 */
export function peakWidths(x: PeakSignal, peaks: PeakIndices, options: PeakWidthsOptions = {}): PeakWidths {
  const signal = readSignal(x);
  const relHeight = resolveRelHeight(options.rel_height);
  const wlen = resolveWlen(options.wlen);
  const indices = readPeakIndices(peaks, signal.length);
  const prominenceData = options.prominence_data ?? measureProminences(signal, indices, wlen);
  checkProminenceData(prominenceData, indices, signal.length);
  const count = indices.length;
  const result: PeakWidths = {
    widths: new Float64Array(count),
    width_heights: new Float64Array(count),
    left_ips: new Float64Array(count),
    right_ips: new Float64Array(count),
  };
  computeWidths(
    signal,
    indices,
    count,
    relHeight,
    prominenceData.prominences,
    prominenceData.left_bases,
    prominenceData.right_bases,
    result.widths,
    result.width_heights,
    result.left_ips,
    result.right_ips,
  );
  return result;
}
