import { declarePrebuilt, types } from '../declaration/index.js';
import { histogramDirectory } from '../exporters/histogram/files.js';

export const histogramVisualizerDeclaration = declarePrebuilt({
  name: 'visualizers.histogram',
  module: new URL('./histogram.js', import.meta.url),
  exportName: 'histogram',
  template: 'IsAlive',
  summary: 'shows the histograms exporters.histogram saves, a panel per channel',
  description:
    'Reads the files exporters.histogram writes for the observed buffer, Histograms_<buffer>/info.csv ' +
    'and <field>.npy in the run directory (it waits for them), and shows every channel as a panel ' +
    'of one display named after the worker: a tab in the terminal UI, updated every ' +
    'update_interval seconds, and at the end of the run displays/<worker>.0.<worker>.svg in the ' +
    'run directory. It ends once the observed buffer has ended and the exporter has written its ' +
    'files for the last time, after drawing them once more, so the last frame holds every event. ' +
    'At most 16 channels are shown; when their bins hold more than 65 536 numbers, neighbouring ' +
    'bins are merged for the display (the title says by how many).',
  buffers: {
    sources: { count: 0 },
    sinks: { count: 0 },
    observes: { count: 1, note: 'the source buffer of an exporters.histogram' },
  },
  configs: {
    update_interval: {
      type: types.number({ min: 0 }),
      default: 1,
      meaning:
        'seconds between two readings of the files (at most 10 a second: a display shows no more; 0 as often as that)',
    },
    plot_type: {
      type: types.string(['line', 'bar', 'step']),
      default: 'line',
      meaning: 'how the counts are drawn: a line through the bins, bars, or steps',
    },
  },
  reads: (worker) => {
    const buffer = worker.observes[0]?.name ?? '';
    return [
      {
        path: `${histogramDirectory(buffer)}/`,
        namedBy: { entry: ['observes', 0] },
        writer: `an exporters.histogram reading '${buffer}'`,
      },
    ];
  },
  example: `Buffers:
  pulse_parameters: {slot_count: 128, data_length: 1, data_dtype: {peak_heights: i2}}
Workers:
  histogram:
    function: exporters.histogram
    sources: [pulse_parameters]
    config: {bins: {peak_heights: [0, 4095, 4096]}}
  show_histogram:
    function: visualizers.histogram
    observes: [pulse_parameters]
    config: {plot_type: step}
`,
});
