import type { ValueAxis } from './y-axis.js';

const EIGHTHS = ' ▁▂▃▄▅▆▇█';

/**
 * Vertical bars, one per value, as `rows` lines of eighth blocks (top line first). `axis` spans
 * rows × 8 + 1 dots; a positive value gets at least one eighth so it never looks like zero.
 */
export function barRows(values: readonly number[], axis: ValueAxis, rows: number): string[] {
  const full = rows * 8;
  const heights = values.map((value) => {
    const eighths = Math.round(full - axis.toDot(value));
    return value > 0 ? Math.max(1, eighths) : Math.max(0, eighths);
  });
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    const base = (rows - 1 - row) * 8;
    lines.push(heights.map((height) => EIGHTHS[Math.min(8, Math.max(0, height - base))]).join(''));
  }
  return lines;
}
