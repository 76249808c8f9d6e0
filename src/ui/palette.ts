// Colours of chart series, in order; chosen to be told apart on dark and light backgrounds.
const SERIES_COLORS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red', 'cyanBright', 'magentaBright'];

/** The colour of the `index`-th series of a chart. */
export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] as string;
}
