import type { BrailleCanvas } from './braille-canvas.js';
import { columnExtents, type ColumnExtent } from './column-extents.js';
import type { ValueAxis } from './y-axis.js';

/**
 * Draws `y` (at `x`, or at sample numbers) as a line over `xRange` in the colour of `series`.
 * Points sharing a dot column become a vertical stroke from their min to their max.
 */
export function drawLine(
  canvas: BrailleCanvas,
  axis: ValueAxis,
  y: readonly number[],
  x: readonly number[] | undefined,
  xRange: readonly [number, number],
  series: number,
): void {
  const [low, high] = xRange;
  const scale = (canvas.width - 1) / (high - low);
  let previous: ColumnExtent | undefined;
  for (const extent of columnExtents(y, x, (value) => (value - low) * scale)) {
    if (previous !== undefined)
      canvas.line(
        previous.column,
        axis.toDot(previous.last),
        extent.column,
        axis.toDot(extent.first),
        series,
      );
    canvas.line(extent.column, axis.toDot(extent.min), extent.column, axis.toDot(extent.max), series);
    previous = extent;
  }
}

/** Draws one value per text column as a step line (a histogram's outline) in `series`' colour. */
export function drawSteps(
  canvas: BrailleCanvas,
  axis: ValueAxis,
  values: readonly number[],
  series: number,
): void {
  let previous: number | undefined;
  values.forEach((value, column) => {
    const dot = axis.toDot(value);
    if (previous !== undefined) canvas.line(column * 2, previous, column * 2, dot, series);
    canvas.line(column * 2, dot, column * 2 + 1, dot, series);
    previous = dot;
  });
}

/** Draws a dashed horizontal line at `value` across the canvas in the colour of `series`. */
export function drawHorizontalLine(
  canvas: BrailleCanvas,
  axis: ValueAxis,
  value: number,
  series: number,
): void {
  const dot = Math.round(axis.toDot(value));
  for (let x = 0; x < canvas.width; x += 4)
    canvas.line(x, dot, Math.min(x + 1, canvas.width - 1), dot, series);
}
