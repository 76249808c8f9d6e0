import { MAX_GRID_PANELS } from '../../display/index.js';
import type { BufferIO } from '../../templates/index.js';
import { readConfig } from '../declaration/index.js';
import { histogramGrid } from './histogram-grid.js';
import { histogramVisualizerDeclaration } from './histogram.declaration.js';
import { HistogramFiles } from './histogram-files.js';
import { runVisualizer } from './visualizer-loop.js';

/**
 * visualizers.histogram: the histograms exporters.histogram writes for the observed buffer, as a
 * grid display with a panel per channel (1 observed buffer). Ends after the exporter's last save.
 */
export async function histogram(io: BufferIO): Promise<void> {
  const config = readConfig(io, histogramVisualizerDeclaration);
  const buffer = io.observes[0]?.buffer.name ?? '';
  const files = new HistogramFiles(io.runDir, buffer);
  const title = `Histograms of ${buffer}`;
  let hasShown = false;
  let hasToldOfPanels = false;
  await runVisualizer(io, config.update_interval, () => {
    const channels = files.read();
    if (channels === undefined) return undefined;
    if (channels.length > MAX_GRID_PANELS && !hasToldOfPanels) {
      hasToldOfPanels = true;
      io.logError(
        `${files.directory} holds ${channels.length} histograms; the first ${MAX_GRID_PANELS} are shown\n`,
      );
    }
    hasShown = true;
    return histogramGrid(title, channels, config.plot_type);
  });
  if (!hasShown)
    io.logError(
      `no histograms to show: ${files.directory}/info.csv was never written (is an exporters.histogram reading '${buffer}'?)\n`,
    );
}
