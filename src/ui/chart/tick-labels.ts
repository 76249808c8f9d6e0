import type { ValueAxis } from './y-axis.js';

/**
 * The y-axis label of each of `rows` text rows ('' for a row without a tick), where a row is
 * `dotsPerRow` dots of the axis high (4 for braille, 8 for eighth blocks).
 */
export function tickLabels(axis: ValueAxis, rows: number, dotsPerRow: number): string[] {
  const labels = Array.from({ length: rows }, () => '');
  for (const tick of axis.ticks) {
    const row = Math.min(rows - 1, Math.max(0, Math.floor(Math.round(axis.toDot(tick)) / dotsPerRow)));
    if (labels[row] === '') labels[row] = axis.format(tick);
  }
  return labels;
}

/** Ticks that fit on `rows` text rows: about one every other row. */
export function maxTicksFor(rows: number): number {
  return Math.max(2, Math.floor(rows / 2) + 1);
}
