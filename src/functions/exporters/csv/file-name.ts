/** The CSV file in the run directory: `filename` (a stem, as in the original) or the source buffer's name, plus `.csv`. */
export function csvFileName(filename: string | undefined, sourceName: string): string {
  return `${filename ?? sourceName}.csv`;
}
