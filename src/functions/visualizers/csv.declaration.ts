import { declarePrebuilt, types } from '../declaration/index.js';
import { csvFileName } from '../exporters/csv/file-name.js';
import { binsOfOneField, checkBinnedFields } from '../exporters/histogram/histogram.declaration.js';

/** How the counts are drawn: our display's styles, and matplotlib's histtype words the original passed on. */
const PLOT_TYPES = ['bar', 'step', 'line', 'stepfilled', 'barstacked'] as const;

const plotType = types.string(PLOT_TYPES);

export const csvVisualizerDeclaration = declarePrebuilt({
  name: 'visualizers.csv',
  module: new URL('./csv.js', import.meta.url),
  exportName: 'csv',
  template: 'IsAlive',
  summary: 'shows histograms of columns of the CSV file exporters.csv writes, a panel per column',
  description:
    'Reads <filename>.csv, which exporters.csv writes in the run directory for the observed buffer ' +
    '(it waits for it), and counts each column named in bins into a histogram with the edges ' +
    'numpy.linspace(min, max, n), as numpy.histogram (and the original, through matplotlib) counts ' +
    '(values outside and NaN are not counted). Shows every histogram as a panel of one display ' +
    'named after the worker: a tab in the terminal UI, updated every update_interval seconds, and ' +
    'at the end of the run displays/<worker>.0.<worker>.svg in the run directory. Each update reads ' +
    'only the rows added since the last one. It ends once the observed buffer has ended and the ' +
    'exporter has written its last rows, after counting them, so the last frame holds every event. ' +
    "plot_type (the original's code) and histtype (its docs) are the same key: bar, step or line, " +
    'and stepfilled and barstacked as bar.',
  buffers: {
    sources: { count: 0 },
    sinks: { count: 0 },
    observes: { count: 1, dataLength: 1, note: 'the source buffer of an exporters.csv' },
  },
  configs: {
    bins: {
      type: types.mapping(binsOfOneField, 'a mapping of field: [min, max, n]', { minEntries: 1 }),
      required: true,
      meaning: 'the histograms: each field (column) to count, with its range and n edges',
    },
    filename: {
      type: types.fileName,
      defaultText: "the observed buffer's name (as exporters.csv's default)",
      meaning: 'the CSV file without .csv, as exporters.csv names it',
    },
    update_interval: {
      type: types.number({ min: 0 }),
      default: 1,
      meaning:
        'seconds between two readings of the file (at most 10 a second: a display shows no more; 0 as often as that)',
    },
    plot_type: {
      type: plotType,
      defaultText: "histtype, else 'bar'",
      meaning: 'how the counts are drawn: bars, steps, or a line through the bins',
    },
    histtype: {
      type: plotType,
      defaultText: "'bar'",
      meaning: "plot_type's name in the original's docs; plot_type wins when both are given",
    },
  },
  check(worker, report) {
    const observed = worker.observes[0];
    if (observed !== undefined)
      checkBinnedFields(observed, 'the observed buffer', worker.config.bins, report);
    const { plot_type: plotTypeGiven, histtype } = worker.config;
    if (plotTypeGiven !== undefined && histtype !== undefined && plotTypeGiven !== histtype)
      report.warn(
        { config: 'histtype' },
        `plot_type '${plotTypeGiven}' and histtype '${histtype}' are the same key; plot_type '${plotTypeGiven}' is used`,
      );
  },
  reads: (worker) => {
    const { filename } = worker.config;
    const buffer = worker.observes[0]?.name ?? '';
    return [
      {
        path: csvFileName(filename, buffer),
        namedBy: filename === undefined ? { entry: ['observes', 0] } : { config: 'filename' },
        writer:
          filename === undefined
            ? `an exporters.csv reading '${buffer}'`
            : `an exporters.csv with filename '${filename}'`,
      },
    ];
  },
  example: `Buffers:
  pulse_heights: {slot_count: 500, data_length: 1, data_dtype: {pulse_height: f4, width: i4}}
Workers:
  save_pulse_heights:
    function: exporters.csv
    sources: [pulse_heights]
    config: {filename: pulse_heights}
  show_pulse_heights:
    function: visualizers.csv
    observes: [pulse_heights]
    config:
      filename: pulse_heights
      bins: {pulse_height: [0, 1, 101], width: [0, 50, 51]}
      histtype: step
`,
});
