// Fits any number of points into the dot columns of a chart without losing peaks: consecutive
// points that fall into the same column are kept as that column's min and max.

/** Points of a series that fall into one dot column, one after another. */
export interface ColumnExtent {
  readonly column: number;
  readonly min: number;
  readonly max: number;
  /** The first and last value, to join the neighbouring columns. */
  readonly first: number;
  readonly last: number;
}

/**
 * The series `y` (at `x`, or at 0, 1, 2, ... when x is undefined) as runs per dot column;
 * `toColumn` maps an x value to a column. Consecutive points in the same column become one run.
 */
export function columnExtents(
  y: readonly number[],
  x: readonly number[] | undefined,
  toColumn: (x: number) => number,
): ColumnExtent[] {
  const extents: ColumnExtent[] = [];
  let current: { column: number; min: number; max: number; first: number; last: number } | undefined;
  for (let i = 0; i < y.length; i++) {
    const value = y[i] as number;
    const column = Math.round(toColumn(x === undefined ? i : (x[i] as number)));
    if (current !== undefined && current.column === column) {
      if (value < current.min) current.min = value;
      if (value > current.max) current.max = value;
      current.last = value;
      continue;
    }
    if (current !== undefined) extents.push(current);
    current = { column, min: value, max: value, first: value, last: value };
  }
  if (current !== undefined) extents.push(current);
  return extents;
}
