import { describe, expect, it } from 'vitest';
import { usePrebuiltSetups } from './prebuilt-setups.js';

const { load, problems } = usePrebuiltSetups();

const BUFFERS = `Buffers:
  osc: {slot_count: 8, data_length: 100, data_dtype: {ch1: f4}}
  pulses: {slot_count: 8, data_length: 1, data_dtype: {height: f4, channel: i2, label: S4}}
`;
const SOURCE = '  source: {file: workers.ts, function: source, sinks: [osc, pulses]}\n';

describe('visualizers.histogram config and buffer checks', () => {
  it("accepts the original's config files, which configure the exporter too", () => {
    const setup = load(
      `${BUFFERS}Workers:\n${SOURCE}  show: {function: visualizers.histogram, observes: [pulses], config: hist.yaml}
  hist: {function: exporters.histogram, sources: [pulses], config: hist.yaml}
`,
      { 'hist.yaml': 'bins: {height: [0, 1, 75]}\nplot_type: bar\nupdate_interval: 0.5\n' },
    );
    expect(setup.workers.map((w) => w.name)).toEqual(['source', 'show', 'hist']);
    expect(setup.warnings.filter((w) => w.includes('Workers.'))).toEqual([]);
  });

  it('reports each mistake with its place and exact message', () => {
    expect(
      problems(`${BUFFERS}Workers:\n${SOURCE}  a: {function: visualizers.histogram, observes: [pulses], config: {plot_type: bars, update_interval: -1}}
  b: {function: visualizers.histogram, sources: [pulses]}
`),
    ).toEqual([
      `setup.yaml:6:103: Workers.a.config.update_interval: expected a number ≥ 0, got number -1`,
      `setup.yaml:6:80: Workers.a.config.plot_type: expected one of 'line', 'bar', 'step', got string "bars"`,
      'setup.yaml:7:49: Workers.b.sources: expected no sources for visualizers.histogram, got 1 (pulses)',
      'setup.yaml:7:3: Workers.b.observes: expected 1 observed buffer for visualizers.histogram, got 0',
    ]);
  });
});

describe('visualizers.csv config and buffer checks', () => {
  it('accepts plot_type or histtype, and the words of matplotlib', () => {
    const setup =
      load(`${BUFFERS}Workers:\n${SOURCE}  a: {function: visualizers.csv, observes: [pulses], config: {bins: {height: [0, 1, 11]}, histtype: stepfilled}}
  b: {function: visualizers.csv, observes: [pulses], config: {bins: {channel: [0, 10, 11]}, plot_type: line, filename: heights, update_interval: 2}}
  save: {function: exporters.csv, sources: [pulses]}
  save_heights: {function: exporters.csv, sources: [pulses], config: {filename: heights}}
`);
    expect(setup.workers.map((w) => w.name)).toEqual(['source', 'a', 'b', 'save', 'save_heights']);
    expect(setup.warnings.filter((w) => w.includes('Workers.'))).toEqual([]);
  });

  it('reports each mistake with its place and exact message', () => {
    expect(
      problems(`${BUFFERS}Workers:\n${SOURCE}  a: {function: visualizers.csv, observes: [osc], config: {bins: {ch1: [1, 0, 10]}, filename: out/x}}
  b: {function: visualizers.csv, observes: [pulses], config: {bins: {energy: [0, 1, 2], label: [0, 1, 2]}, histtype: pie}}
  c: {function: visualizers.csv, observes: [pulses]}
`),
    ).toEqual([
      "setup.yaml:6:45: Workers.a.observes[0]: expected a buffer with data_length 1, got 'osc' with data_length 100",
      'setup.yaml:6:72: Workers.a.config.bins.ch1: expected min < max, got min 1 and max 0',
      'setup.yaml:6:95: Workers.a.config.filename: expected a file name without a directory (no \'/\'), got string "out/x"',
      "setup.yaml:7:118: Workers.b.config.histtype: expected one of 'bar', 'step', 'line', 'stepfilled', 'barstacked', got string \"pie\"",
      'setup.yaml:8:3: Workers.c.config.bins: expected a mapping of field: [min, max, n], got nothing (the key is missing; it is required)',
    ]);
    expect(
      problems(`${BUFFERS}Workers:\n${SOURCE}  b: {function: visualizers.csv, observes: [pulses], config: {bins: {energy: [0, 1, 2], label: [0, 1, 2]}}}
`),
    ).toEqual([
      "setup.yaml:6:78: Workers.b.config.bins.energy: expected a field of the observed buffer 'pulses' (height (<f4), channel (<i2), label (|S4)), got 'energy'",
      "setup.yaml:6:96: Workers.b.config.bins.label: expected a numeric field of the observed buffer 'pulses', got 'label' (|S4)",
    ]);
  });

  it('warns when plot_type and histtype disagree: plot_type is used, as in the original', () => {
    const setup =
      load(`${BUFFERS}Workers:\n${SOURCE}  a: {function: visualizers.csv, observes: [pulses], config: {bins: {height: [0, 1, 11]}, plot_type: step, histtype: bar}}
  save: {function: exporters.csv, sources: [pulses]}
`);
    expect(setup.warnings.filter((w) => w.includes('Workers.'))).toEqual([
      "setup.yaml:6:108: Workers.a.config.histtype: plot_type 'step' and histtype 'bar' are the same key; plot_type 'step' is used",
    ]);
  });
});

describe('a visualizer of files no worker writes', () => {
  it('warns at the key that names the file, saying which exporter would write it', () => {
    const setup =
      load(`${BUFFERS}Workers:\n${SOURCE}  hist_show: {function: visualizers.histogram, observes: [pulses]}
  csv_show: {function: visualizers.csv, observes: [pulses], config: {bins: {height: [0, 1, 11]}, filename: heights}}
  save: {function: exporters.csv, sources: [pulses]}
`);
    expect(setup.warnings.filter((w) => w.includes('Workers.'))).toEqual([
      "setup.yaml:6:59: Workers.hist_show.observes[0]: shows Histograms_pulses/ of the run directory, but no worker of this setup writes it; add an exporters.histogram reading 'pulses', or the display stays empty",
      "setup.yaml:7:98: Workers.csv_show.config.filename: shows heights.csv of the run directory, but no worker of this setup writes it; add an exporters.csv with filename 'heights', or the display stays empty",
    ]);
  });

  it('warns when the exporter rotates the file, which is then written under numbered names only', () => {
    const setup =
      load(`${BUFFERS}Workers:\n${SOURCE}  show: {function: visualizers.csv, observes: [pulses], config: {bins: {height: [0, 1, 11]}}}
  save: {function: exporters.csv, sources: [pulses], config: {rotate_mb: 10}}
`);
    expect(setup.warnings.filter((w) => w.includes('Workers.'))).toEqual([
      "setup.yaml:6:48: Workers.show.observes[0]: shows pulses.csv of the run directory, but worker 'save' rotates it into numbered files, which the display does not read; it stays empty",
    ]);
  });
});
