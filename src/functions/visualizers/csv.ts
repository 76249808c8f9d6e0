import { join } from 'node:path';
import type { HistogramStyle } from '../../display/index.js';
import type { BufferIO } from '../../templates/index.js';
import { readConfig } from '../declaration/index.js';
import { csvFileName } from '../exporters/csv/file-name.js';
import { CsvColumns } from './csv-columns.js';
import { csvVisualizerDeclaration } from './csv.declaration.js';
import { histogramGrid } from './histogram-grid.js';
import { runVisualizer } from './visualizer-loop.js';

/** The display's style for each of the original's words (matplotlib's histtype). */
const STYLES: Readonly<Record<string, HistogramStyle>> = {
  bar: 'bar',
  barstacked: 'bar',
  stepfilled: 'bar',
  step: 'step',
  line: 'line',
};

/**
 * visualizers.csv: histograms of columns of the CSV file exporters.csv writes for the observed
 * buffer, as a grid display with a panel per column (1 observed buffer). Ends after the
 * exporter's last rows.
 */
export async function csv(io: BufferIO): Promise<void> {
  const config = readConfig(io, csvVisualizerDeclaration);
  const buffer = io.observes[0]?.buffer.name ?? '';
  const fileName = csvFileName(config.filename, buffer);
  const columns = new CsvColumns(join(io.runDir, fileName), config.bins);
  const style = STYLES[config.plot_type ?? config.histtype ?? 'bar'] ?? 'bar';
  const title = `Histograms of ${fileName}`;
  await runVisualizer(io, config.update_interval, () => {
    columns.update();
    if (!columns.hasHeader) return undefined;
    const histograms = [...columns.histograms].map(([name, bins]) => ({
      name,
      edges: bins.edges,
      counts: bins.counts,
    }));
    return histogramGrid(title, histograms, style);
  });
  if (!columns.hasHeader)
    io.logError(
      `no histograms to show: ${columns.path} was never written (is an exporters.csv with this filename reading '${buffer}'?)\n`,
    );
}
