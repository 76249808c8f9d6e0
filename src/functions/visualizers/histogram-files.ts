import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { linspace } from '../exporters/histogram/bins.js';
import { histogramDirectory } from '../exporters/histogram/files.js';
import { readInt64Npy } from '../exporters/histogram/npy.js';
import type { ChannelHistogram } from './histogram-grid.js';

/** One row of info.csv: a channel and its numpy.linspace(Min, Max, NBins) edges. */
interface HistogramInfo {
  readonly name: string;
  readonly edges: Float64Array;
  readonly file: string;
}

/**
 * The histograms exporters.histogram writes for one source buffer (`Histograms_<buffer>/`, as the
 * original's visualizer reads them): info.csv once it exists, then each channel's `<field>.npy`.
 */
export class HistogramFiles {
  readonly directory: string;
  #channels: readonly HistogramInfo[] | undefined;

  constructor(runDir: string, buffer: string) {
    this.directory = join(runDir, histogramDirectory(buffer));
  }

  /** info.csv's channels, or undefined while it does not exist. Throws when it is not the exporter's. */
  get channels(): readonly HistogramInfo[] | undefined {
    this.#channels ??= this.#readInfo();
    return this.#channels;
  }

  /** Each channel's counts as saved last (zeros for a file not written yet). */
  read(): ChannelHistogram[] | undefined {
    return this.channels?.map(({ name, edges, file }) => ({
      name,
      edges,
      counts: readInt64Npy(file, edges.length - 1) ?? new Float64Array(edges.length - 1),
    }));
  }

  #readInfo(): HistogramInfo[] | undefined {
    const path = join(this.directory, 'info.csv');
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const rows = parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true });
    return rows.map((row, i) => {
      const [name, min, max, bins] = [
        row['Channel'],
        Number(row['Min']),
        Number(row['Max']),
        Number(row['NBins']),
      ];
      if (name === undefined || !(min < max) || !Number.isInteger(bins) || bins < 2)
        throw new Error(
          `${path}, row ${i + 2}: expected Channel,Min,Max,NBins with Min < Max and NBins ≥ 2 (as exporters.histogram writes it), got ${JSON.stringify(row)}`,
        );
      return { name, edges: linspace(min, max, bins), file: join(this.directory, `${name}.npy`) };
    });
  }
}
