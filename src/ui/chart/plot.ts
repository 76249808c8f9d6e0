import { BrailleCanvas, type CellRun } from './braille-canvas.js';

/** One line of a chart: points of (seconds relative to now, value), oldest first. */
export interface ChartSeries {
  readonly label: string;
  readonly points: readonly (readonly [seconds: number, value: number])[];
}

export type ChartScale = 'log' | 'linear';

export interface PlotOptions {
  /** Character cells of the plotting area (without the axis labels). */
  readonly columns: number;
  readonly rows: number;
  readonly scale: ChartScale;
  /** Seconds shown, ending now. */
  readonly windowS: number;
  /** Linear scale: the top is at least this. @default 1 */
  readonly minTop?: number;
  /** Text of a tick value on the y axis. */
  readonly formatTick: (value: number) => string;
}

export interface PlotRow {
  /** The y-axis label of the row ('' when the row has no tick). */
  readonly label: string;
  readonly runs: readonly CellRun[];
}

interface Axis {
  readonly toY: (value: number) => number;
  readonly ticks: readonly number[];
}

function logAxis(values: readonly number[], height: number): Axis {
  const positive = values.filter((v) => v > 0);
  const low = positive.length > 0 ? Math.floor(Math.log10(Math.min(...positive))) : 0;
  let high = positive.length > 0 ? Math.ceil(Math.log10(Math.max(...positive))) : 1;
  if (high <= low) high = low + 1;
  const span = high - low;
  const bottom = height - 1;
  const ticks: number[] = [];
  // At most one labelled decade every other row.
  const stride = Math.max(1, Math.ceil(span / Math.max(1, Math.floor(height / 8))));
  for (let decade = high; decade >= low; decade -= stride) ticks.push(10 ** decade);
  return {
    toY: (value) => (value <= 0 ? bottom : bottom - ((Math.log10(value) - low) / span) * bottom),
    ticks,
  };
}

function niceTop(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function linearAxis(values: readonly number[], height: number, minTop: number): Axis {
  const top = niceTop(Math.max(minTop, ...values, 1e-9));
  const bottom = height - 1;
  return {
    toY: (value) => bottom - (Math.min(Math.max(value, 0), top) / top) * bottom,
    ticks: [top, top / 2, 0],
  };
}

/** Draws the series into rows of braille cells, each with its y-axis label. */
export function plotChart(series: readonly ChartSeries[], options: PlotOptions): PlotRow[] {
  const canvas = new BrailleCanvas(options.columns, options.rows);
  if (canvas.rows === 0 || canvas.columns === 0) return [];
  const values = series.flatMap((s) => s.points.map(([, value]) => value));
  const axis =
    options.scale === 'log'
      ? logAxis(values, canvas.height)
      : linearAxis(values, canvas.height, options.minTop ?? 1);
  const toX = (seconds: number) =>
    ((Math.min(Math.max(seconds, -options.windowS), 0) + options.windowS) / options.windowS) *
    (canvas.width - 1);
  series.forEach((s, index) => {
    let previous: readonly [number, number] | undefined;
    for (const [seconds, value] of s.points) {
      const point = [toX(seconds), axis.toY(value)] as const;
      if (previous === undefined) canvas.set(point[0], point[1], index);
      else canvas.line(previous[0], previous[1], point[0], point[1], index);
      previous = point;
    }
  });
  const labels = new Map<number, string>();
  for (const tick of axis.ticks) {
    const row = Math.floor(Math.round(axis.toY(tick)) / 4);
    if (!labels.has(row)) labels.set(row, options.formatTick(tick));
  }
  const rows: PlotRow[] = [];
  for (let row = 0; row < canvas.rows; row++)
    rows.push({ label: labels.get(row) ?? '', runs: canvas.row(row) });
  return rows;
}
