import { describe, expect, it } from 'vitest';
import { usePrebuiltSetups } from './prebuilt-setups.js';

const { load, problems } = usePrebuiltSetups();

const BUFFERS = `Buffers:
  osc: {slot_count: 8, data_length: 100, data_dtype: {ch1: f4}}
  pulses: {slot_count: 8, data_length: 1, data_dtype: {height: f4, channel: i2, label: S4}}
  copy: {slot_count: 8, data_length: 1, data_dtype: {height: f4, channel: i2, label: S4}}
  other: {slot_count: 8, data_length: 1, data_dtype: {height: f8}}
`;
const SOURCE = '  source: {file: workers.ts, function: source, sinks: [osc, pulses, other]}\n';

describe('exporters.csv config and buffer checks', () => {
  it('accepts the defaults, and records the file it writes', () => {
    const setup =
      load(`${BUFFERS}Workers:\n${SOURCE}  save: {function: exporters.csv, sources: [pulses], sinks: [copy]}
  save_other: {function: exporters.csv, sources: [other], config: {filename: heights, save_interval: 0}}
  drain: {function: exporters.drain, sources: [copy]}
`);
    expect(setup.workers.filter((w) => w.files.length > 0).map((w) => [w.name, w.files])).toEqual([
      ['save', [{ path: 'pulses.csv', namedBy: { entry: ['sources', 0] }, rows: 'lines' }]],
      ['save_other', [{ path: 'heights.csv', namedBy: { config: 'filename' }, rows: 'lines' }]],
    ]);
  });

  it('reports each mistake with its place and exact message', () => {
    expect(
      problems(`${BUFFERS}Workers:\n${SOURCE}  a: {function: exporters.csv, sources: [osc], config: {save_interval: -1}}
  b: {function: exporters.csv, sources: [pulses], sinks: [other], number_of_processes: 2, config: {save_interval: fast, filename: out/x}}
  c: {function: exporters.csv, sources: [other], config: {filename: 3}}
`),
    ).toEqual([
      "setup.yaml:8:42: Workers.a.sources[0]: expected a buffer with data_length 1, got 'osc' with data_length 100",
      'setup.yaml:8:72: Workers.a.config.save_interval: expected a number ≥ 0, got number -1',
      "setup.yaml:9:59: Workers.b.sinks[0]: expected a buffer with the data_length and data_dtype of the source 'pulses' (events pass on unchanged), got 'other' with data_dtype {height: <f8} instead of {height: <f4, channel: <i2, label: |S4}",
      'setup.yaml:9:88: Workers.b.number_of_processes: expected 1 (exporters.csv writes <run directory>/<filename>.csv; several processes would write over each other), got 2',
      'setup.yaml:9:115: Workers.b.config.save_interval: expected a number ≥ 0, got string "fast"',
      'setup.yaml:9:131: Workers.b.config.filename: expected a file name without a directory (no \'/\'), got string "out/x"',
      "setup.yaml:10:69: Workers.c.config.filename: expected a file name without a directory (no '/'), got number 3",
    ]);
  });

  it("refuses two exporters of one file, and control's own file names", () => {
    expect(
      problems(`${BUFFERS}Workers:\n${SOURCE}  a: {function: exporters.csv, sources: [pulses], sinks: [copy]}
  b: {function: exporters.csv, sources: [copy], config: {filename: pulses}}
  c: {function: exporters.csv, sources: [other], config: {filename: stats}}
`),
    ).toEqual([
      "setup.yaml:9:68: Workers.b.config.filename: expected a file that no other worker writes, got pulses.csv, which worker 'a' writes too",
      "setup.yaml:10:69: Workers.c.config.filename: expected a name that does not clash with control's own files (setup.yaml, stats.csv, data_flow.svg, control.log, logs/, displays/), got stats.csv in the run directory",
    ]);
  });

  it('warns when filename already ends in .csv, and about a near miss of save_interval', () => {
    const setup =
      load(`${BUFFERS}Workers:\n${SOURCE}  save: {function: exporters.csv, sources: [pulses], config: {filename: pulses.csv, save_intervall: 5}}
`);
    expect(setup.warnings.filter((w) => w.includes('Workers.'))).toEqual([
      "setup.yaml:8:85: Workers.save.config.save_intervall: exporters.csv does not use 'save_intervall' (did you mean 'save_interval'?)",
      'setup.yaml:8:63: Workers.save.config.filename: the file is pulses.csv.csv: filename is the name without .csv, which is appended (write pulses)',
    ]);
  });
});

describe('exporters.histogram config and buffer checks', () => {
  it('accepts update_interval 0 (files rewritten at every event), as the original does; so do its visualizer and the oscilloscope', () => {
    const setup =
      load(`${BUFFERS}Workers:\n${SOURCE}  hist: {function: exporters.histogram, sources: [pulses], config: {bins: {height: [0, 1, 11]}, update_interval: 0}}
  show: {function: visualizers.histogram, observes: [pulses], config: {update_interval: 0}}
  save: {function: exporters.csv, sources: [other]}
  show_csv: {function: visualizers.csv, observes: [other], config: {bins: {height: [0, 1, 11]}, update_interval: 0}}
  scope: {function: observers.oscilloscope, observes: [osc], config: {update_interval: 0}}
`);
    expect(setup.workers.map((w) => w.config['update_interval'])).toEqual([undefined, 0, 0, undefined, 0, 0]);
  });

  it('reports each mistake with its place and exact message, also in a config file', () => {
    expect(
      problems(
        `${BUFFERS}Workers:\n${SOURCE}  a: {function: exporters.histogram, sources: [pulses], config: hist.yaml}
  b: {function: exporters.histogram, sources: [osc], config: {bins: [0, 1, 10], update_interval: -1}}
  c: {function: exporters.histogram, sources: [other]}
  d: {function: exporters.histogram, sources: [other], config: {bins: {}}}
`,
        {
          'hist.yaml': `bins:
  height: [0, 1]
  channel: [10, 0, 5]
  energy: [0, 1, 1.5]
  width: [0, 1, 10]
  label: [0, 1, 10]
update_interval: "2"
`,
        },
      ),
    ).toEqual([
      'hist.yaml:2:11: Workers.a.config.bins.height: expected [min, max, n], got a list of 2',
      'hist.yaml:3:12: Workers.a.config.bins.channel: expected min < max, got min 10 and max 0',
      'hist.yaml:4:18: Workers.a.config.bins.energy[2]: expected a whole number ≥ 2, got number 1.5',
      'hist.yaml:7:18: Workers.a.config.update_interval: expected a number ≥ 0, got string "2"',
      "setup.yaml:9:48: Workers.b.sources[0]: expected a buffer with data_length 1, got 'osc' with data_length 100",
      'setup.yaml:9:69: Workers.b.config.bins: expected a mapping of field: [min, max, n], got a list',
      'setup.yaml:9:98: Workers.b.config.update_interval: expected a number ≥ 0, got number -1',
      'setup.yaml:10:3: Workers.c.config.bins: expected a mapping of field: [min, max, n], got nothing (the key is missing; it is required)',
      'setup.yaml:11:71: Workers.d.config.bins: expected a mapping of field: [min, max, n] with at least one entry, got an empty mapping',
    ]);
  });

  it('refuses a key of bins that is no numeric field of the source, and two histograms of one source', () => {
    expect(
      problems(`${BUFFERS}Workers:\n${SOURCE}  a: {function: exporters.histogram, sources: [pulses], sinks: [copy], config: {bins: {height: [0, 1, 11], energy: [0, 1, 11], label: [0, 1, 3]}}}
  b: {function: exporters.histogram, sources: [pulses], config: {bins: {channel: [0, 10, 11]}}}
  c: {function: exporters.histogram, sources: [copy], number_of_processes: 3, config: {bins: {channel: [0, 10, 11]}}}
`),
    ).toEqual([
      "setup.yaml:8:116: Workers.a.config.bins.energy: expected a field of the source 'pulses' (height (<f4), channel (<i2), label (|S4)), got 'energy'",
      "setup.yaml:8:135: Workers.a.config.bins.label: expected a numeric field of the source 'pulses', got 'label' (|S4)",
      'setup.yaml:10:76: Workers.c.number_of_processes: expected 1 (exporters.histogram writes <run directory>/Histograms_<source buffer>/ (info.csv and <field>.npy); several processes would write over each other), got 3',
      "setup.yaml:9:48: Workers.b.sources[0]: expected a file that no other worker writes, got Histograms_pulses/, which worker 'a' writes too",
    ]);
    expect(
      problems(`${BUFFERS}Workers:\n${SOURCE}  a: {function: exporters.histogram, sources: [pulses], sinks: [copy], config: {bins: {height: [0, 1, 11]}}}
  b: {function: exporters.histogram, sources: [pulses], config: {bins: {channel: [0, 10, 11]}}}
`),
    ).toEqual([
      "setup.yaml:9:48: Workers.b.sources[0]: expected a file that no other worker writes, got Histograms_pulses/, which worker 'a' writes too",
    ]);
  });
});
