import { stringify } from 'csv-stringify/sync';
import { float64Text } from '../csv/float-text.js';

/** One channel's histogram as configured: `[min, max, n]`, n the number of edges. */
export type BinsConfig = readonly [min: number, max: number, n: number];

/** The directory of a source's histograms in the run directory, as the original names it. */
export function histogramDirectory(sourceName: string): string {
  return `Histograms_${sourceName}`;
}

/** info.csv: `Channel,Min,Max,NBins`, one row per channel, for numpy.linspace(Min, Max, NBins). */
export function infoCsv(bins: Readonly<Record<string, BinsConfig>>): string {
  const rows = Object.entries(bins).map(([channel, [min, max, n]]) => [
    channel,
    float64Text(min),
    float64Text(max),
    String(n),
  ]);
  return stringify([['Channel', 'Min', 'Max', 'NBins'], ...rows]);
}
