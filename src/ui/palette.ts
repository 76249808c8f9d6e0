// Colours of chart series, in order; chosen to be told apart on dark and light backgrounds.
const SERIES_COLORS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red', 'cyanBright', 'magentaBright'];

/** The colour of the `index`-th series of a chart: its own (`colors[index]`, e.g. `#ff7f0e`), else the palette's. */
export function seriesColor(index: number, colors?: readonly (string | undefined)[]): string {
  return colors?.[index] ?? (SERIES_COLORS[index % SERIES_COLORS.length] as string);
}
