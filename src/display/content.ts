/**
 * What a worker publishes to the TUI: a small picture of its state (an oscilloscope trace, a
 * histogram, some text), drawn by control as a tab of its own. Plain JSON data, so that it
 * crosses the process boundary as a file.
 */
export type DisplayContent<N extends NumberList = readonly number[]> =
  LinesDisplay<N> | HistogramDisplay<N> | TextDisplay;

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

/** Curves over a shared x axis, e.g. an oscilloscope's channels. */
export interface LinesDisplay<N extends NumberList = readonly number[]> {
  readonly kind: 'lines';
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** The x value of each point; by default 0, 1, 2, ... (sample numbers). */
  readonly x?: N;
  readonly series: readonly { readonly name: string; readonly y: N }[];
  /** Fixed y range; by default the range of the data. */
  readonly yRange?: readonly [min: number, max: number];
  readonly logY?: boolean;
}

/** Counts in bins; `edges` has one more entry than each series' `counts`. */
export interface HistogramDisplay<N extends NumberList = readonly number[]> {
  readonly kind: 'histogram';
  readonly title?: string;
  readonly xLabel?: string;
  readonly edges: N;
  readonly series: readonly { readonly name: string; readonly counts: N }[];
  readonly logY?: boolean;
}

/** Lines of text, e.g. a table of rates. */
export interface TextDisplay {
  readonly kind: 'text';
  readonly title?: string;
  readonly lines: readonly string[];
}

/** At most this many series in one display: the terminal has few colours that tell apart. */
export const MAX_DISPLAY_SERIES = 8;
/** At most this many numbers in one display: a terminal shows a few hundred points per row. */
export const MAX_DISPLAY_NUMBERS = 65_536;
export const MAX_DISPLAY_TEXT_LINES = 1000;
