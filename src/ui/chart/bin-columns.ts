// Fits a histogram's bins to the columns of the screen: neighbouring bins summed when there are
// more bins than columns, each bin widened to the same number of columns when there are fewer.

export interface BinColumns {
  /** The count of every column, left to right. */
  readonly values: readonly number[];
  /** Bins summed into one column (1 when not merged). */
  readonly binsPerColumn: number;
  /** Columns each (merged) bin takes (1 when not widened). */
  readonly columnsPerBin: number;
}

/**
 * `counts` laid out on at most `columns` columns. Bins are merged by a whole factor, so every
 * column but perhaps the last sums the same number of bins.
 */
export function binColumns(counts: readonly number[], columns: number): BinColumns {
  const width = Math.max(1, Math.floor(columns));
  if (counts.length === 0) return { values: [], binsPerColumn: 1, columnsPerBin: 1 };
  if (counts.length > width) {
    const binsPerColumn = Math.ceil(counts.length / width);
    const values: number[] = [];
    for (let start = 0; start < counts.length; start += binsPerColumn) {
      let sum = 0;
      for (let i = start; i < Math.min(counts.length, start + binsPerColumn); i++) sum += counts[i] as number;
      values.push(sum);
    }
    return { values, binsPerColumn, columnsPerBin: 1 };
  }
  const columnsPerBin = Math.floor(width / counts.length);
  return {
    values: counts.flatMap((count) => Array<number>(columnsPerBin).fill(count)),
    binsPerColumn: 1,
    columnsPerBin,
  };
}
