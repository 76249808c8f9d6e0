import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { Bins } from '../exporters/histogram/bins.js';
import type { BinsConfig } from '../exporters/histogram/files.js';

const NEWLINE = 0x0a;
const CHUNK_BYTES = 4 * 1024 * 1024;

/** A cell as pandas reads it into a number: True/False of a b1 field as 1/0, nan and inf as not counted. */
function cellValue(cell: string): number {
  if (cell === 'True') return 1;
  if (cell === 'False') return 0;
  return cell === '' ? Number.NaN : Number(cell);
}

/** The cells of one row; only a row with a quoted cell (an S<n> field) needs a CSV parser. */
function cellsOf(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const rows: string[][] = parse(line);
  return rows[0] ?? [];
}

/**
 * Histograms of columns of a CSV file that exporters.csv writes (one row per line, appended in
 * whole rows): each call of `update()` reads only the rows appended since the last one and counts
 * them into their column's bins (numpy.histogram's, as the original's matplotlib hist).
 */
export class CsvColumns {
  readonly path: string;
  readonly histograms: ReadonlyMap<string, Bins>;
  #offset = 0;
  /** The file's column of each histogram, once the header was read. */
  #columns: number[] | undefined;

  constructor(path: string, bins: Readonly<Record<string, BinsConfig>>) {
    this.path = path;
    this.histograms = new Map(
      Object.entries(bins).map(([name, [min, max, n]]) => [name, new Bins(min, max, n)]),
    );
  }

  /** Whether the file's header has been read: the file exists and its columns are known. */
  get hasHeader(): boolean {
    return this.#columns !== undefined;
  }

  /**
   * Counts the rows appended since the last call. A file that does not exist yet has none; one
   * that became shorter (written anew) is counted from its start.
   */
  update(): void {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      const size = fstatSync(fd).size;
      if (size < this.#offset) this.#restart();
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(1, size - this.#offset)));
      while (this.#offset < size) {
        const count = readSync(fd, chunk, 0, Math.min(chunk.length, size - this.#offset), this.#offset);
        const end = chunk.subarray(0, count).lastIndexOf(NEWLINE) + 1;
        // A row longer than a chunk is not one exporters.csv writes; wait for its end no longer.
        if (end === 0) break;
        this.#countLines(chunk.toString('latin1', 0, end));
        this.#offset += end;
      }
    } finally {
      closeSync(fd);
    }
  }

  #restart(): void {
    this.#offset = 0;
    this.#columns = undefined;
    for (const bins of this.histograms.values()) bins.counts.fill(0);
  }

  #countLines(text: string): void {
    const lines = text.split('\n');
    lines.pop(); // after the last newline: ''
    let start = 0;
    if (this.#columns === undefined) {
      this.#columns = this.#findColumns(cellsOf(lines[0] ?? ''));
      start = 1;
    }
    const columns = this.#columns;
    const histograms = [...this.histograms.values()];
    for (let k = start; k < lines.length; k++) {
      const cells = cellsOf(lines[k] as string);
      for (let h = 0; h < histograms.length; h++)
        (histograms[h] as Bins).add(cellValue(cells[columns[h] as number] ?? ''));
    }
  }

  #findColumns(header: readonly string[]): number[] {
    const names = [...this.histograms.keys()];
    const columns = names.map((name) => header.indexOf(name));
    const missing = names.filter((_, i) => columns[i] === -1);
    if (missing.length > 0)
      throw new Error(
        `${this.path} has no column ${missing.map((name) => `'${name}'`).join(', ')} (its columns: ${header.join(', ')}); bins names fields of the exporters.csv source`,
      );
    return columns;
  }
}
