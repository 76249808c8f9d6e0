import type { BufferLayout } from '../../../buffer/index.js';
import { declarePrebuilt, types, type CheckReport } from '../../declaration/index.js';
import { histogramDirectory, type BinsConfig } from './files.js';

/** One field's bins as `[min, max, n]`: numpy.linspace(min, max, n) edges (the csv visualizer takes them too). */
export const binsOfOneField = types.refine(
  types.tuple([types.number(), types.number(), types.integer({ min: 2 })], '[min, max, n]'),
  '[min, max, n] with min < max and n ≥ 2 edges',
  ([min, max]) =>
    min < max ? undefined : { path: [], message: `expected min < max, got min ${min} and max ${max}` },
);

export const histogramDeclaration = declarePrebuilt({
  name: 'exporters.histogram',
  module: new URL('./histogram.js', import.meta.url),
  exportName: 'histogram',
  template: 'Exporter',
  summary: 'counts fields of its source into histograms saved as .npy files in the run directory',
  description:
    'Counts each field named in bins into a histogram with the edges numpy.linspace(min, max, n), ' +
    'n - 1 bins, as numpy.histogram counts (each bin includes its lower edge, the last also its ' +
    'upper one; values outside and NaN are not counted). Writes Histograms_<source>/info.csv ' +
    '(Channel,Min,Max,NBins) and one <field>.npy per channel (NPY 1.0, int64 counts), each ' +
    'replaced at once (written beside it, then renamed) every update_interval seconds (at the ' +
    "next event) and at the end, so the manual's plotting snippet, numpy.load and the histogram " +
    'visualizer always read whole files. Events pass on unchanged to the sinks. A restarted ' +
    'exporter loads the saved counts and goes on counting. Its files keep their size however long ' +
    'the run (n - 1 counts each), so it has no rotate_mb or rotate_minutes.',
  buffers: {
    sources: { count: 1, dataLength: 1 },
    sinks: { count: { min: 0 }, sameAsSource: true },
    observes: { count: 0 },
  },
  configs: {
    bins: {
      type: types.mapping(binsOfOneField, 'a mapping of field: [min, max, n]', { minEntries: 1 }),
      required: true,
      meaning: 'the histograms: each field of the source to count, with its range and n edges',
    },
    update_interval: {
      type: types.number({ min: 0 }),
      default: 1,
      meaning: 'seconds between rewrites of the files (0: at every event, as in the original)',
    },
  },
  writes: {
    text: '<run directory>/Histograms_<source buffer>/ (info.csv and <field>.npy)',
    files: (worker) => [
      { path: `${histogramDirectory(worker.sources[0]?.name ?? '')}/`, namedBy: { entry: ['sources', 0] } },
    ],
  },
  check(worker, report) {
    const source = worker.sources[0];
    if (source !== undefined) checkBinnedFields(source, 'the source', worker.config.bins, report);
  },
  example: `Buffers:
  pulse_heights: {slot_count: 500, data_length: 1, data_dtype: {pulse_height: f4, width: i4}}
Workers:
  histogram:
    function: exporters.histogram
    sources: [pulse_heights]
    config:
      bins:
        pulse_height: [0, 1, 101]   # 100 bins from 0 to 1
        width: [0, 50, 51]
      update_interval: 2
`,
  reading: `# The manual's snippet, in run_directory/Histograms_pulse_heights/
import numpy as np
import matplotlib.pyplot as plt
import pandas as pd
info_df = pd.read_csv('info.csv')
bins = {ch: np.linspace(info_df['Min'][i], info_df['Max'][i], info_df['NBins'][i])
        for i, ch in enumerate(info_df['Channel'])}
for ch in info_df['Channel']:
    data = np.load(f'{ch}.npy')
    plt.plot(bins[ch][:-1], data, label=ch)
plt.legend()
plt.show()
`,
});

/** The checked `bins` config, for the exporter. */
export type HistogramBins = Readonly<Record<string, BinsConfig>>;

/** Reports every key of `bins` that is no numeric field of `buffer` (`which`: 'the source'). */
export function checkBinnedFields(
  buffer: BufferLayout,
  which: string,
  bins: Readonly<Record<string, unknown>>,
  report: CheckReport,
): void {
  const fields = buffer.fields.map((field) => `${field.name} (${field.dtype.descr})`).join(', ');
  for (const name of Object.keys(bins)) {
    const field = buffer.fields.find((f) => f.name === name);
    if (field === undefined) {
      report.error(
        { config: 'bins', path: [name] },
        `expected a field of ${which} '${buffer.name}' (${fields}), got '${name}'`,
      );
    } else if (field.dtype.kind === 'S') {
      report.error(
        { config: 'bins', path: [name] },
        `expected a numeric field of ${which} '${buffer.name}', got '${name}' (${field.dtype.descr})`,
      );
    }
  }
}
