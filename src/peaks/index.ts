export { findPeaks, type FindPeaksResult, type PeakProperties } from './find-peaks.js';
export type { Border, Condition, FindPeaksOptions } from './options.js';
export {
  peakProminences,
  peakWidths,
  type PeakProminences,
  type PeakProminencesOptions,
  type PeakWidths,
  type PeakWidthsOptions,
} from './peak-measures.js';
export type { NumericTypedArray, PeakIndices, PeakSignal } from './signal.js';
