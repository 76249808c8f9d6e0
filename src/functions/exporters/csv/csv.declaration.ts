import { declarePrebuilt, types } from '../../declaration/index.js';
import { rotates, rotationConfigs } from '../../files/index.js';
import { csvFileName } from './file-name.js';

export const csvDeclaration = declarePrebuilt({
  name: 'exporters.csv',
  module: new URL('./csv.js', import.meta.url),
  exportName: 'csv',
  template: 'Exporter',
  summary: 'writes every event of its source as a row of a CSV file in the run directory',
  description:
    'Writes one row per event to <filename>.csv in the run directory: a header, then the metadata ' +
    'columns counter, timestamp (seconds since the epoch) and deadtime, then every field of the ' +
    'source in its order. Integers are written as integers, f4 and f8 values as the shortest ' +
    'decimal that reads back as the same float32 or float64 (nan, inf, -inf as numpy writes them), ' +
    'b1 as True/False. Rows collect in memory and are appended, always whole, every ' +
    "save_interval seconds while events keep coming, after a quarter of its source's slot_count " +
    'events at the latest, whenever the exporter has caught up with its source, and at the end. A kill -9 loses no row: the events of rows not yet in the file are ' +
    'delivered again (a row may then be in the file twice). Events pass on unchanged to the sinks. After a ' +
    'crash or on a full disk the file is cut back to its last whole row, and a restarted exporter ' +
    'appends to it. With rotate_mb or rotate_minutes the rows go to numbered files instead, ' +
    '<filename>.0001.csv, <filename>.0002.csv, …, each with its header (a restarted exporter ' +
    'appends to the latest). pandas.read_csv reads each as it is.',
  buffers: {
    sources: { count: 1, dataLength: 1 },
    sinks: { count: { min: 0 }, sameAsSource: true },
    observes: { count: 0 },
  },
  configs: {
    save_interval: {
      type: types.number({ min: 0 }),
      default: 1,
      meaning:
        'the longest rows wait in memory while events keep coming, in seconds (0: every row at once); they are also appended whenever the exporter has caught up with its source',
    },
    filename: {
      type: types.fileName,
      defaultText: "the source buffer's name",
      meaning: 'the file name without .csv, which is appended (as in the original)',
    },
    ...rotationConfigs,
  },
  writes: {
    text: '<run directory>/<filename>.csv',
    files: (worker) => [
      {
        path: csvFileName(worker.config.filename, worker.sources[0]?.name ?? ''),
        namedBy: worker.config.filename === undefined ? { entry: ['sources', 0] } : { config: 'filename' },
        rows: 'lines',
        ...(rotates(worker.config) ? { numbered: true } : {}),
      },
    ],
  },
  check(worker, report) {
    const { filename } = worker.config;
    if (filename?.toLowerCase().endsWith('.csv')) {
      report.warn(
        { config: 'filename' },
        `the file is ${filename}.csv: filename is the name without .csv, which is appended (write ${filename.slice(0, -4)})`,
      );
    }
  },
  example: `Buffers:
  pulse_heights: {slot_count: 500, data_length: 1, data_dtype: {pulse_height: f4}}
Workers:
  save_pulse_heights:
    function: exporters.csv
    sources: [pulse_heights]
    config: {filename: pulse_heights, save_interval: 2}
`,
  reading: `import numpy as np
events = np.genfromtxt('run_directory/pulse_heights.csv', delimiter=',', names=True)
print(events['counter'], events['pulse_height'])
# or: import pandas as pd; print(pd.read_csv('run_directory/pulse_heights.csv'))
`,
});
