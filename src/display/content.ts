/**
 * What a worker publishes to the TUI: a small picture of its state (an oscilloscope trace, a
 * histogram, some text), drawn by control as a tab of its own. Plain JSON data, so that it
 * crosses the process boundary as a file.
 */
export type DisplayContent<N extends NumberList = readonly number[]> =
  LinesDisplay<N> | HistogramDisplay<N> | TextDisplay | GridDisplay<N>;

/** What a grid's panel may be: a chart with its own title and axes. */
export type PanelDisplay<N extends NumberList = readonly number[]> = LinesDisplay<N> | HistogramDisplay<N>;

/** Numbers as publish() takes them; control reads them back as plain arrays. */
export type NumberList =
  | readonly number[]
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

/** A horizontal line across a chart, e.g. an oscilloscope's trigger level. */
export interface HorizontalLine {
  readonly y: number;
  /** Its legend entry, e.g. `trigger`. */
  readonly name: string;
}

/** One curve of a lines display. */
export interface LinesSeries<N extends NumberList = readonly number[]> {
  readonly name: string;
  readonly y: N;
  /** Its colour as `#rrggbb`; by default the display's next one. */
  readonly color?: string;
}

/**
 * Curves over a shared x axis, e.g. an oscilloscope's channels. Axis labels carry their unit,
 * e.g. `time / µs`.
 */
export interface LinesDisplay<N extends NumberList = readonly number[]> {
  readonly kind: 'lines';
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** The x value of each point; by default 0, 1, 2, ... (sample numbers). */
  readonly x?: N;
  readonly series: readonly LinesSeries<N>[];
  /** Fixed y range; by default the range of the data. */
  readonly yRange?: readonly [min: number, max: number];
  readonly logY?: boolean;
  /** Horizontal lines (at most 4) drawn across the curves; the y range includes them. */
  readonly horizontalLines?: readonly HorizontalLine[];
}

/** How a histogram is drawn: bars, an outline of steps, or a line through the bin centres. */
export type HistogramStyle = 'bar' | 'step' | 'line';

/** Counts in bins; `edges` has one more entry than each series' `counts`. */
export interface HistogramDisplay<N extends NumberList = readonly number[]> {
  readonly kind: 'histogram';
  readonly title?: string;
  readonly xLabel?: string;
  /** @default 'counts' */
  readonly yLabel?: string;
  readonly edges: N;
  readonly series: readonly { readonly name: string; readonly counts: N }[];
  readonly logY?: boolean;
  /** @default 'bar' for one series, 'step' for several */
  readonly style?: HistogramStyle;
}

/**
 * Several charts in one display, each with its own title and axes (a panel per channel), as the
 * original's grid of subplots; the terminal lays them out side by side or stacked to fit.
 */
export interface GridDisplay<N extends NumberList = readonly number[]> {
  readonly kind: 'grid';
  readonly title?: string;
  /** 1 to 16 panels. */
  readonly panels: readonly PanelDisplay<N>[];
}

/** Lines of text, e.g. a table of rates. */
export interface TextDisplay {
  readonly kind: 'text';
  readonly title?: string;
  readonly lines: readonly string[];
}

/** At most this many series in one display: the terminal has few colours that tell apart. */
export const MAX_DISPLAY_SERIES = 8;
/**
 * At most this many numbers in one display, a grid's panels together: a terminal shows a few
 * hundred points per row, and control reads the whole file.
 */
export const MAX_DISPLAY_NUMBERS = 65_536;
export const MAX_DISPLAY_TEXT_LINES = 1000;
/** At most this many panels in a grid (the numbers of all count towards MAX_DISPLAY_NUMBERS). */
export const MAX_GRID_PANELS = 16;
/** At most this many horizontal lines in a lines display. */
export const MAX_HORIZONTAL_LINES = 4;
