import { describe, expect, it } from 'vitest';
import { usePrebuiltSetups } from './prebuilt-setups.js';

const { load, problems } = usePrebuiltSetups();

const BUFFERS = `Buffers:
  osc: {slot_count: 8, data_length: 100, data_dtype: {ch1: f4, ch2: i2}}
  labelled: {slot_count: 8, data_length: 100, data_dtype: {label: S4, ch1: f4}}
  pulses: {slot_count: 8, data_length: 1, data_dtype: {position: i4, peak_heights: f4}}
  long: {slot_count: 8, data_length: 2, data_dtype: {position: i4}}
  odd: {slot_count: 8, data_length: 1, data_dtype: {position: S4, energy: f4, prominences: f4}}
  all: {slot_count: 8, data_length: 1, data_dtype: {position: i4, peak_heights: f4, left_thresholds: f4, right_thresholds: f4, prominences: f4, left_bases: i4, right_bases: i4, widths: f4, width_heights: f4, left_ips: f4, right_ips: f4, plateau_sizes: i4, left_edges: i4, right_edges: i4}}
`;
const SOURCE = '  source: {file: workers.ts, function: source, sinks: [osc, labelled]}\n';

describe('analyzers.pha config and buffer checks', () => {
  it('accepts every property when its option is given, pairs with open ends, and the defaults', () => {
    const setup = load(
      `${BUFFERS}Workers:\n${SOURCE}  a: {function: analyzers.pha, sources: [osc], sinks: [all], config: pha.yaml}
  b: {function: analyzers.pha, sources: [osc], sinks: [pulses], number_of_processes: 3, config: {channel: ch2, height: 0}}
`,
      {
        'pha.yaml': `height: [10, null]
threshold: [null, 5]
distance: 2.5
prominence: [~, ~]
width: 3
wlen: 1.5
rel_height: 0
plateau_size: [1, 4]
all_peaks: true
`,
      },
    );
    expect(setup.workers.map((w) => w.name)).toEqual(['source', 'a', 'b']);
    // prominences, left_bases and right_bases come with width too.
    load(`${BUFFERS}  widths: {slot_count: 8, data_length: 1, data_dtype: {prominences: f4, widths: f4, right_bases: i2}}
Workers:\n${SOURCE}  a: {function: analyzers.pha, sources: [osc], sinks: [widths], config: {width: [null, null]}}
`);
  });

  it('reports each mistake with its place and exact message', () => {
    expect(
      problems(
        `${BUFFERS}Workers:\n${SOURCE}  a: {function: analyzers.pha, sources: [osc], sinks: [pulses], config: pha.yaml}
  b: {function: analyzers.pha, sources: [osc], sinks: [long, pulses]}
  c: {function: analyzers.pha, sources: [osc], sinks: [long]}
`,
        {
          'pha.yaml': `channel: ch3
height: [1, 2, 3]
threshold: "5"
distance: 0.5
prominence: [1, "a"]
width: {min: 1}
wlen: 1
rel_height: -0.1
plateau_size: .nan
all_peaks: yes please
`,
        },
      ),
    ).toEqual([
      'pha.yaml:2:9: Workers.a.config.height: expected a number (the minimum) or [min, max] (null for an open end), got a list of 3',
      'pha.yaml:3:12: Workers.a.config.threshold: expected a number (the minimum) or [min, max] (null for an open end), got string "5"',
      'pha.yaml:4:11: Workers.a.config.distance: expected a number ≥ 1, got number 0.5',
      'pha.yaml:5:17: Workers.a.config.prominence[1]: expected a number or null, got string "a"',
      'pha.yaml:6:8: Workers.a.config.width: expected a number (the minimum) or [min, max] (null for an open end), got a mapping',
      'pha.yaml:7:7: Workers.a.config.wlen: expected a number > 1, got number 1',
      'pha.yaml:8:13: Workers.a.config.rel_height: expected a number ≥ 0, got number -0.1',
      'pha.yaml:9:15: Workers.a.config.plateau_size: expected a number (the minimum) or [min, max] (null for an open end), got number NaN',
      'pha.yaml:10:12: Workers.a.config.all_peaks: expected true or false, got string "yes please"',
      'setup.yaml:11:55: Workers.b.sinks: expected 1 sink for analyzers.pha, got 2 (long, pulses)',
      "setup.yaml:12:56: Workers.c.sinks[0]: expected a buffer with data_length 1, got 'long' with data_length 2",
    ]);
  });

  it('refuses a channel that is no numeric field of the source', () => {
    expect(
      problems(`${BUFFERS}Workers:\n${SOURCE}  a: {function: analyzers.pha, sources: [osc], sinks: [pulses], config: {channel: chA, height: 1}}
  b: {function: analyzers.pha, sources: [labelled], sinks: [pulses], config: {channel: label, height: 1}}
  c: {function: analyzers.pha, sources: [labelled], sinks: [pulses], config: {height: 1}}
`),
    ).toEqual([
      "setup.yaml:10:83: Workers.a.config.channel: expected a field of the source 'osc' (ch1 (<f4), ch2 (<i2)), got 'chA'",
      "setup.yaml:11:88: Workers.b.config.channel: expected a numeric field of the source 'labelled' as the channel, got 'label' (|S4)",
      "setup.yaml:12:42: Workers.c.sources[0]: expected a numeric field of the source 'labelled' as the channel, got its first field 'label' (|S4), the channel when none is given",
    ]);
  });

  it('refuses a sink field that is no property, not numeric, or not computed by the config', () => {
    expect(
      problems(`${BUFFERS}Workers:\n${SOURCE}  a: {function: analyzers.pha, sources: [osc], sinks: [odd]}
  b: {function: analyzers.pha, sources: [osc], sinks: [all], config: {prominence: 1}}
`),
    ).toEqual([
      "setup.yaml:10:56: Workers.a.sinks[0]: expected a numeric dtype for field 'position' of 'odd', got |S4",
      "setup.yaml:10:56: Workers.a.sinks[0]: expected sink fields named position or after a property of findPeaks (peak_heights, left_thresholds, right_thresholds, prominences, left_bases, right_bases, widths, width_heights, left_ips, right_ips, plateau_sizes, left_edges, right_edges), got 'energy' in 'odd'",
      "setup.yaml:10:56: Workers.a.sinks[0]: expected sink fields whose property the config computes, got 'prominences' in 'odd', which needs prominence or width in the config (prominence: [null, null] computes it for every peak)",
      ...[
        ['peak_heights', 'height'],
        ['left_thresholds', 'threshold'],
        ['right_thresholds', 'threshold'],
        ['widths', 'width'],
        ['width_heights', 'width'],
        ['left_ips', 'width'],
        ['right_ips', 'width'],
        ['plateau_sizes', 'plateau_size'],
        ['left_edges', 'plateau_size'],
        ['right_edges', 'plateau_size'],
      ].map(
        ([field, option]) =>
          `setup.yaml:11:56: Workers.b.sinks[0]: expected sink fields whose property the config computes, got '${field}' in 'all', which needs ${option} in the config (${option}: [null, null] computes it for every peak)`,
      ),
    ]);
  });
});
