import { findLocalMaxima, findPlateauEdges } from './local-maxima.js';
import { resolveFindPeaksOptionsOnce, type FindPeaksOptions } from './options.js';
import { computeProminences } from './prominences.js';
import { computeProminencesOfMaxima } from './prominences-of-maxima.js';
import { PeakScratch } from './scratch.js';
import { selectByCondition, selectByThreshold } from './select-by-condition.js';
import { selectByDistance } from './select-by-distance.js';
import { readSignal, type PeakSignal } from './signal.js';
import { findValleys } from './valleys.js';
import { computeWidths } from './widths.js';

/**
 * The properties findPeaks computed on the way, one entry per peak, under scipy's names. Only
 * those of the options given are there: `plateau_size` gives the first three, `height`
 * `peak_heights`, `threshold` the thresholds, `prominence` or `width` the prominences and bases,
 * `width` the widths. Positions are sample indices (Int32Array); the rest are Float64Array.
 */
export interface PeakProperties {
  plateau_sizes?: Int32Array;
  left_edges?: Int32Array;
  right_edges?: Int32Array;
  peak_heights?: Float64Array;
  left_thresholds?: Float64Array;
  right_thresholds?: Float64Array;
  prominences?: Float64Array;
  left_bases?: Int32Array;
  right_bases?: Int32Array;
  widths?: Float64Array;
  width_heights?: Float64Array;
  left_ips?: Float64Array;
  right_ips?: Float64Array;
}

/** What findPeaks returns: the peaks' sample indices in ascending order, and their properties. */
export interface FindPeaksResult {
  peaks: Int32Array;
  properties: PeakProperties;
}

const scratch = new PeakScratch();

/**
 * Finds the peaks (local maxima, flat tops included) of a signal that meet the conditions, with
 * exactly the semantics of scipy.signal.find_peaks (see docs/worker-api.md). `x` is any numeric
 * typed array or number[], read as float64 as scipy does; the result is newly allocated typed
 * arrays (Int32Array for positions, Float64Array for values), nothing else is allocated per call.
 * Throws a TypeError or RangeError for a bad option.
 */
export function findPeaks(x: PeakSignal, options: FindPeaksOptions = {}): FindPeaksResult {
  const signal = readSignal(x);
  const o = resolveFindPeaksOptionsOnce(options, signal.length);
  const s = scratch;
  s.ensure(signal.length);
  s.resetActive();
  s.activate(s.peaks);
  let count = findLocalMaxima(signal, s.peaks);
  const needsProminences = o.prominence !== undefined || o.width !== undefined;
  // Without a window, the prominences of all maxima at once cost less than walks from a few
  // (see prominences-of-maxima.ts); they are then selected along with the peaks.
  let hasProminences = needsProminences && o.wlen < 0 && findValleys(signal, s.peaks, count, s.valleys);
  if (hasProminences) {
    computeProminencesOfMaxima(
      signal,
      s.peaks,
      count,
      s.valleys,
      s.stack,
      s.prominences,
      s.leftBases,
      s.rightBases,
    );
    s.activate(s.prominences);
    s.activate(s.leftBases);
    s.activate(s.rightBases);
  }

  if (o.plateauSize !== undefined) {
    findPlateauEdges(signal, s.peaks, count, s.leftEdges, s.rightEdges);
    for (let k = 0; k < count; k++)
      s.plateauSizes[k] = (s.rightEdges[k] as number) - (s.leftEdges[k] as number) + 1;
    s.activate(s.plateauSizes);
    s.activate(s.leftEdges);
    s.activate(s.rightEdges);
    selectByCondition(s.plateauSizes, s.peaks, count, o.plateauSize, s.keep);
    count = s.compact(count);
  }
  if (o.height !== undefined) {
    for (let k = 0; k < count; k++) s.heights[k] = signal[s.peaks[k] as number] as number;
    s.activate(s.heights);
    selectByCondition(s.heights, s.peaks, count, o.height, s.keep);
    count = s.compact(count);
  }
  if (o.threshold !== undefined) {
    for (let k = 0; k < count; k++) {
      const peak = s.peaks[k] as number;
      const top = signal[peak] as number;
      s.leftThresholds[k] = top - (signal[peak - 1] as number);
      s.rightThresholds[k] = top - (signal[peak + 1] as number);
    }
    s.activate(s.leftThresholds);
    s.activate(s.rightThresholds);
    selectByThreshold(s.leftThresholds, s.rightThresholds, s.peaks, count, o.threshold, s.keep);
    count = s.compact(count);
  }
  if (o.distance > 0) {
    // The heights as ranking; widths' scratch is free until the width condition.
    const priority = s.widths;
    for (let k = 0; k < count; k++) priority[k] = signal[s.peaks[k] as number] as number;
    selectByDistance(s.peaks, priority, count, o.distance, s.keep, s.order, s.merge);
    count = s.compact(count);
  }
  if (needsProminences && !hasProminences) {
    computeProminences(signal, s.peaks, count, o.wlen, s.prominences, s.leftBases, s.rightBases);
    s.activate(s.prominences);
    s.activate(s.leftBases);
    s.activate(s.rightBases);
    hasProminences = true;
  }
  if (o.prominence !== undefined) {
    selectByCondition(s.prominences, s.peaks, count, o.prominence, s.keep);
    count = s.compact(count);
  }
  if (o.width !== undefined) {
    computeWidths(
      signal,
      s.peaks,
      count,
      o.relHeight,
      s.prominences,
      s.leftBases,
      s.rightBases,
      s.widths,
      s.widthHeights,
      s.leftIps,
      s.rightIps,
    );
    s.activate(s.widths);
    s.activate(s.widthHeights);
    s.activate(s.leftIps);
    s.activate(s.rightIps);
    selectByCondition(s.widths, s.peaks, count, o.width, s.keep);
    count = s.compact(count);
  }

  const properties: PeakProperties = {};
  if (o.plateauSize !== undefined) {
    properties.plateau_sizes = s.plateauSizes.slice(0, count);
    properties.left_edges = s.leftEdges.slice(0, count);
    properties.right_edges = s.rightEdges.slice(0, count);
  }
  if (o.height !== undefined) properties.peak_heights = s.heights.slice(0, count);
  if (o.threshold !== undefined) {
    properties.left_thresholds = s.leftThresholds.slice(0, count);
    properties.right_thresholds = s.rightThresholds.slice(0, count);
  }
  if (hasProminences) {
    properties.prominences = s.prominences.slice(0, count);
    properties.left_bases = s.leftBases.slice(0, count);
    properties.right_bases = s.rightBases.slice(0, count);
  }
  if (o.width !== undefined) {
    properties.widths = s.widths.slice(0, count);
    properties.width_heights = s.widthHeights.slice(0, count);
    properties.left_ips = s.leftIps.slice(0, count);
    properties.right_ips = s.rightIps.slice(0, count);
  }
  return { peaks: s.peaks.slice(0, count), properties };
}
