import type { PeakProperties } from '../../peaks/index.js';

/** A property findPeaks can return, under scipy's name. */
export type PeakPropertyName = keyof PeakProperties;

/** The findPeaks options of analyzers.pha: its config keys of the same names. */
export type PeakOptionName = 'height' | 'threshold' | 'prominence' | 'width' | 'plateau_size';

/**
 * Which options make findPeaks compute each property (scipy's find_peaks): a sink field of
 * analyzers.pha named after a property needs one of them in the config.
 */
export const PROPERTY_OPTIONS: Readonly<Record<PeakPropertyName, readonly PeakOptionName[]>> = {
  peak_heights: ['height'],
  left_thresholds: ['threshold'],
  right_thresholds: ['threshold'],
  prominences: ['prominence', 'width'],
  left_bases: ['prominence', 'width'],
  right_bases: ['prominence', 'width'],
  widths: ['width'],
  width_heights: ['width'],
  left_ips: ['width'],
  right_ips: ['width'],
  plateau_sizes: ['plateau_size'],
  left_edges: ['plateau_size'],
  right_edges: ['plateau_size'],
};

/** The sink field that holds a peak's sample index. */
export const POSITION_FIELD = 'position';

export function isPeakProperty(name: string): name is PeakPropertyName {
  return Object.hasOwn(PROPERTY_OPTIONS, name);
}
