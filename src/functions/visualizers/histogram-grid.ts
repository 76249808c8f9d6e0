import {
  MAX_DISPLAY_NUMBERS,
  MAX_GRID_PANELS,
  type GridDisplay,
  type HistogramDisplay,
  type HistogramStyle,
} from '../../display/index.js';

/** One channel's histogram: `edges` has one more value than `counts`. */
export interface ChannelHistogram {
  readonly name: string;
  readonly edges: ArrayLike<number>;
  readonly counts: ArrayLike<number>;
}

/**
 * The histograms as a grid display, a panel per channel (the original's grid of subplots, titled
 * with the channel, `Value` along x and `Count` up). At most MAX_GRID_PANELS panels; when their
 * bins hold more numbers than a display does, neighbouring bins are merged (counts summed, so
 * every entry stays), by the same factor in every panel.
 */
export function histogramGrid(
  title: string,
  channels: readonly ChannelHistogram[],
  style: HistogramStyle,
): GridDisplay {
  const shown = channels.slice(0, MAX_GRID_PANELS);
  const factor = mergeFactor(shown.map((channel) => channel.counts.length));
  return {
    kind: 'grid',
    title: factor === 1 ? title : `${title} (every ${factor} bins merged)`,
    panels: shown.map((channel): HistogramDisplay => {
      const { edges, counts } = mergeBins(channel, factor);
      return {
        kind: 'histogram',
        title: channel.name,
        xLabel: 'Value',
        yLabel: 'Count',
        style,
        edges,
        series: [{ name: channel.name, counts }],
      };
    }),
  };
}

/** The smallest number of neighbouring bins to merge so that every panel fits in one display. */
export function mergeFactor(binCounts: readonly number[]): number {
  const numbers = (factor: number) =>
    binCounts.reduce((sum, bins) => sum + 2 * Math.ceil(bins / factor) + 1, 0);
  let factor = 1;
  while (numbers(factor) > MAX_DISPLAY_NUMBERS) factor++;
  return factor;
}

/** Every `factor` neighbouring bins as one (the last one may hold fewer). */
export function mergeBins(channel: ChannelHistogram, factor: number): { edges: number[]; counts: number[] } {
  const { edges, counts } = channel;
  if (factor === 1) return { edges: Array.from(edges), counts: Array.from(counts) };
  const merged = { edges: [] as number[], counts: [] as number[] };
  for (let start = 0; start < counts.length; start += factor) {
    const end = Math.min(start + factor, counts.length);
    let sum = 0;
    for (let i = start; i < end; i++) sum += counts[i] as number;
    merged.edges.push(edges[start] as number);
    merged.counts.push(sum);
  }
  merged.edges.push(edges[counts.length] as number);
  return merged;
}
