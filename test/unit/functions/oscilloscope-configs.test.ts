import { describe, expect, it } from 'vitest';
import { usePrebuiltSetups } from './prebuilt-setups.js';

const { load, problems } = usePrebuiltSetups();

const BUFFERS = `Buffers:
  osc: {slot_count: 8, data_length: 100, data_dtype: {chA: f4, chB: i2, label: S4}}
  wide: {slot_count: 8, data_length: 10, data_dtype: {c1: f4, c2: f4, c3: f4, c4: f4, c5: f4, c6: f4, c7: f4, c8: f4, c9: f4}}
  names: {slot_count: 8, data_length: 10, data_dtype: {label: S8}}
`;
const SOURCE = '  source: {file: workers.ts, function: source, sinks: [osc, wide, names]}\n';

describe('observers.oscilloscope config and buffer checks', () => {
  it("accepts the original's configs, from a config file too", () => {
    const setup = load(
      `${BUFFERS}Workers:\n${SOURCE}  a: {function: observers.oscilloscope, observes: [osc], config: osc.yaml}
  b: {function: observers.oscilloscope, observes: [osc]}
`,
      {
        'osc.yaml': `channels: [chB, chA]
ylim: [-4096, 4096]
t_scaling: [0.008, 0, µs]
y_scaling: [-0.122, 10, mV]
trigger_level: 100
update_interval: 0.5
colors: [red, '#00ff00', C2, tab:purple, k, '0.25']
`,
      },
    );
    expect(setup.workers.map((w) => w.name)).toEqual(['source', 'a', 'b']);
    expect(setup.warnings.filter((w) => w.includes('Workers.'))).toEqual([]);
  });

  it('reports each mistake with its place and exact message', () => {
    expect(
      problems(
        `${BUFFERS}Workers:\n${SOURCE}  a: {function: observers.oscilloscope, observes: [osc], config: osc.yaml}
  b: {function: observers.oscilloscope, sources: [osc]}
`,
        {
          'osc.yaml': `channels: []
ylim: [5, -5]
t_scaling: [0, 0, µs]
y_scaling: [0, 1]
trigger_level: high
update_interval: -0.5
colors: [reddish, 3]
`,
        },
      ),
    ).toEqual([
      'osc.yaml:1:11: Workers.a.config.channels: expected a list of strings (at least 1), got an empty list',
      'osc.yaml:2:7: Workers.a.config.ylim: expected min < max, got min 5 and max -5',
      'osc.yaml:3:13: Workers.a.config.t_scaling[0]: expected a number > 0, got number 0',
      'osc.yaml:4:12: Workers.a.config.y_scaling: expected [scale, offset, unit], got a list of 2',
      'osc.yaml:5:16: Workers.a.config.trigger_level: expected a number, got string "high"',
      'osc.yaml:6:18: Workers.a.config.update_interval: expected a number ≥ 0, got number -0.5',
      `osc.yaml:7:10: Workers.a.config.colors[0]: expected a colour: a CSS name ('red', 'darkorange'), '#rrggbb', 'C0' to 'C9', 'tab:blue', one of b g r c m y k w, or a grey level '0.5', got string "reddish"`,
      `osc.yaml:7:19: Workers.a.config.colors[1]: expected a colour: a CSS name ('red', 'darkorange'), '#rrggbb', 'C0' to 'C9', 'tab:blue', one of b g r c m y k w, or a grey level '0.5', got number 3`,
      'setup.yaml:8:50: Workers.b.sources: expected no sources for observers.oscilloscope, got 1 (osc)',
      'setup.yaml:8:3: Workers.b.observes: expected 1 observed buffer for observers.oscilloscope, got 0',
    ]);
  });

  it('refuses channels that are no numeric fields, more than 8 channels, and a buffer of strings', () => {
    expect(
      problems(`${BUFFERS}Workers:\n${SOURCE}  a: {function: observers.oscilloscope, observes: [osc], config: {channels: [chA, chC, label]}}
  b: {function: observers.oscilloscope, observes: [wide], config: {channels: [c1, c2, c3, c4, c5, c6, c7, c8, c9]}}
  c: {function: observers.oscilloscope, observes: [names]}
`),
    ).toEqual([
      "setup.yaml:7:83: Workers.a.config.channels[1]: expected a field of 'osc' (chA (<f4), chB (<i2), label (|S4)), got 'chC'",
      "setup.yaml:7:88: Workers.a.config.channels[2]: expected a numeric field of 'osc', got 'label' (|S4)",
      'setup.yaml:8:78: Workers.b.config.channels: expected at most 8 channels (a display shows at most 8 curves), got 9',
      "setup.yaml:9:52: Workers.c.observes[0]: expected a buffer with a numeric field to show, got 'names' with strings only",
    ]);
  });

  it('warns that only the first 8 of more fields are shown when channels is not given', () => {
    const setup = load(
      `${BUFFERS}Workers:\n${SOURCE}  a: {function: observers.oscilloscope, observes: [wide]}\n`,
    );
    expect(setup.warnings.filter((w) => w.includes('Workers.'))).toEqual([
      "setup.yaml:7:52: Workers.a.observes[0]: 'wide' has 9 fields; the oscilloscope shows the first 8 (c1, c2, c3, c4, c5, c6, c7, c8): name the ones to show in channels",
    ]);
  });
});
