import { describe, expect, it } from 'vitest';
import { loadSetup, type ResolvedSetup } from '../../../src/control/setup/index.js';
import { checkerFor, declarePrebuilt, types } from '../../../src/functions/declaration/index.js';
import { problemsOf, useSetupDirs, WORKERS_TS } from '../control/setup/setup-dir.js';

const makeDir = useSetupDirs();

// A histogram-like exporter that exercises every kind of declared check.
const tester = declarePrebuilt({
  name: 'exporters.tester',
  module: new URL('file:///nowhere/tester.js'),
  exportName: 'tester',
  template: 'Exporter',
  summary: 'exercises the checks',
  description: 'Exercises the checks.',
  buffers: {
    sources: { count: 1, dataLength: 1 },
    sinks: { count: { min: 0 }, sameAsSource: true },
    observes: { count: 0 },
  },
  configs: {
    bins: {
      type: types.mapping(
        types.tuple([types.number(), types.number(), types.integer({ min: 2 })], '[min, max, n]'),
        'a mapping of field: [min, max, n]',
        { minEntries: 1 },
      ),
      required: true,
      meaning: 'the histograms',
    },
    update_interval: { type: types.number({ above: 0 }), default: 1, meaning: 'seconds between writes' },
    mode: { type: types.string(['line', 'bar']), default: 'line', meaning: 'how to draw' },
    filename: { type: types.fileName, defaultText: "the source buffer's name", meaning: 'the file' },
  },
  writes: {
    text: '<filename>.csv',
    files: (worker) => [
      worker.config.filename === undefined
        ? { path: `${worker.sources[0]?.name}.csv`, namedBy: { entry: ['sources', 0] } }
        : { path: `${worker.config.filename}.csv`, namedBy: { config: 'filename' } },
    ],
  },
  check(worker, report) {
    const fields = worker.sources[0]?.fields.map((f) => f.name) ?? [];
    for (const key of Object.keys(worker.config.bins)) {
      if (!fields.includes(key)) {
        report.error(
          { config: 'bins', path: [key] },
          `expected a field of the source (${fields.join(', ')}), got '${key}'`,
        );
      }
    }
  },
  example: '',
});

const prebuilt = checkerFor([tester]);

function load(files: Record<string, string>): ResolvedSetup {
  return loadSetup('setup.yaml', { cwd: makeDir({ 'workers.ts': WORKERS_TS, ...files }), prebuilt });
}

function problems(files: Record<string, string>): string[] {
  return problemsOf(() => load(files));
}

const BUFFERS = `Buffers:
  raw: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
  pulses: {slot_count: 8, data_length: 1, data_dtype: {height: f8, width: f4}}
  copy: {slot_count: 8, data_length: 1, data_dtype: {height: f8, width: f4}}
  other: {slot_count: 8, data_length: 1, data_dtype: {height: f4}}
`;

describe('prebuilt workers are checked against their declaration', () => {
  it('passes a good worker, with its key from a config file and the rest from base_config', () => {
    const setup = load({
      'setup.yaml': `${BUFFERS}base_config: {update_interval: 0.5}
Workers:
  source: {file: workers.ts, function: source, sinks: [pulses, raw, other]}
  save: {function: exporters.tester, sources: [pulses], sinks: [copy], config: hist.yaml}
  drain: {function: exporters.tester, sources: [other], config: {bins: {height: [0, 1, 11]}, mode: bar}}
`,
      'hist.yaml': 'bins: {height: [0, 1, 101]}\nplot_type: bar\n',
    });
    expect(setup.workers.map((w) => w.name)).toEqual(['source', 'save', 'drain']);
  });

  it('reports every problem at once, each where its key was written', () => {
    expect(
      problems({
        'setup.yaml': `${BUFFERS}base_config: base.yaml
Workers:
  source: {file: workers.ts, function: source, sinks: [pulses, raw, other]}
  a: {function: exporters.tester, sources: [pulses], config: hist.yaml}
  b:
    function: exporters.tester
    sources: [raw]
    sinks: [other]
    number_of_processes: 2
    config: {bins: {ch1: [0, 1, 1.5]}, mode: pie, filename: runs/x}
  c: {function: exporters.tester, sources: [pulses], sinks: [other], observes: [raw]}
  d: {function: exporters.tester, sources: [pulses, other], config: {bins: null}}
`,
        'base.yaml': 'update_interval: 0\n',
        'hist.yaml': 'bins:\n  height: [0, 1, 10]\n  energy: [0, 5, 10]\n  width: [0, "1", 1]\n',
      }),
    ).toEqual([
      'hist.yaml:4:14: Workers.a.config.bins.width[1]: expected a number, got string "1"',
      'hist.yaml:4:19: Workers.a.config.bins.width[2]: expected a whole number ≥ 2, got number 1',
      'base.yaml:1:18: Workers.a.config.update_interval: expected a number > 0, got number 0',
      "setup.yaml:12:15: Workers.b.sources[0]: expected a buffer with data_length 1, got 'raw' with data_length 4",
      "setup.yaml:13:13: Workers.b.sinks[0]: expected a buffer with the data_length and data_dtype of the source 'raw' (events pass on unchanged), got 'other' with data_length 1 instead of 4 and data_dtype {height: <f4} instead of {ch1: <f4}",
      'setup.yaml:14:26: Workers.b.number_of_processes: expected 1 (exporters.tester writes <filename>.csv; several processes would write over each other), got 2',
      'setup.yaml:15:33: Workers.b.config.bins.ch1[2]: expected a whole number ≥ 2, got number 1.5',
      'base.yaml:1:18: Workers.b.config.update_interval: expected a number > 0, got number 0',
      "setup.yaml:15:46: Workers.b.config.mode: expected one of 'line', 'bar', got string \"pie\"",
      'setup.yaml:15:61: Workers.b.config.filename: expected a file name without a directory (no \'/\'), got string "runs/x"',
      "setup.yaml:16:62: Workers.c.sinks[0]: expected a buffer with the data_length and data_dtype of the source 'pulses' (events pass on unchanged), got 'other' with data_dtype {height: <f4} instead of {height: <f8, width: <f4}",
      'setup.yaml:16:80: Workers.c.observes: expected no observed buffers for exporters.tester, got 1 (raw)',
      'setup.yaml:16:3: Workers.c.config.bins: expected a mapping of field: [min, max, n], got nothing (the key is missing; it is required)',
      'base.yaml:1:18: Workers.c.config.update_interval: expected a number > 0, got number 0',
      'setup.yaml:17:44: Workers.d.sources: expected 1 source for exporters.tester, got 2 (pulses, other)',
      'setup.yaml:17:76: Workers.d.config.bins: expected a mapping of field: [min, max, n], got nothing (null)',
      'base.yaml:1:18: Workers.d.config.update_interval: expected a number > 0, got number 0',
    ]);
  });

  it('checks the name, processes and config of a worker whose buffer is broken, with the buffer', () => {
    expect(
      problems({
        'setup.yaml': `Buffers:
  broken: {slot_count: "8", data_length: 1, data_dtype: {height: f4}}
Workers:
  source: {file: workers.ts, function: source, sinks: [broken]}
  a: {function: exporters.testr, sources: [broken]}
  b: {function: exporters.tester, sources: [broken], number_of_processes: 2, config: {bins: {height: [0, 1]}, mode: pie}}
  c: {function: exporters.tester, sources: [broken], config: {bins: {height: [0, 1, 3]}, mod: bar}}
`,
      }),
    ).toEqual([
      'setup.yaml:2:24: Buffers.broken.slot_count: expected a whole number from 1 to 14000, got string "8"',
      "setup.yaml:5:17: Workers.a.function: unknown prebuilt function 'exporters.testr' (did you mean 'exporters.tester'?); `mimocorb2 functions` lists them, or name your own .ts, .js or .mjs file with the key 'file'",
      'setup.yaml:6:75: Workers.b.number_of_processes: expected 1 (exporters.tester writes <filename>.csv; several processes would write over each other), got 2',
      'setup.yaml:6:102: Workers.b.config.bins.height: expected [min, max, n], got a list of 2',
      "setup.yaml:6:117: Workers.b.config.mode: expected one of 'line', 'bar', got string \"pie\"",
    ]);
  });

  it("runs the function's own check once the declared ones pass, and names unknown functions", () => {
    expect(
      problems({
        'setup.yaml': `${BUFFERS}Workers:
  source: {file: workers.ts, function: source, sinks: [pulses, raw, other]}
  a: {function: exporters.tester, sources: [pulses], config: {bins: {height: [0, 1, 3], energy: [0, 1, 3]}}}
  b: {function: exporters.testr, sources: [raw]}
  c: {function: exporters.tester, sources: [other], config: {bins: {ch1: [0, 1, 3]}, mode: 3}}
`,
      }),
    ).toEqual([
      "setup.yaml:8:97: Workers.a.config.bins.energy: expected a field of the source (height, width), got 'energy'",
      "setup.yaml:9:17: Workers.b.function: unknown prebuilt function 'exporters.testr' (did you mean 'exporters.tester'?); `mimocorb2 functions` lists them, or name your own .ts, .js or .mjs file with the key 'file'",
      "setup.yaml:10:92: Workers.c.config.mode: expected one of 'line', 'bar', got number 3",
    ]);
  });

  it('warns about an unknown key within two edits of a key the worker does not set', () => {
    const setup = load({
      'setup.yaml': `${BUFFERS}base_config: {updte_interval: 2, mod: bar, bin: 3}
Workers:
  source: {file: workers.ts, function: source, sinks: [pulses, other]}
  a: {function: exporters.tester, sources: [pulses], config: [hist.yaml, {filname: a}]}
  b: {function: exporters.tester, sources: [other], config: {bins: {height: [0, 1, 3]}, mode: line, n: 1}}
`,
      'hist.yaml': 'bins: {height: [0, 1, 3]}\nplot_type: bar\nsave_intervall: 3\n',
    });
    expect(setup.warnings.filter((warning) => warning.includes(': Workers.'))).toEqual([
      "setup.yaml:6:15: Workers.a.config.updte_interval: exporters.tester does not use 'updte_interval' (did you mean 'update_interval'?)",
      "setup.yaml:6:34: Workers.a.config.mod: exporters.tester does not use 'mod' (did you mean 'mode'?)",
      "setup.yaml:9:75: Workers.a.config.filname: exporters.tester does not use 'filname' (did you mean 'filename'?)",
      "setup.yaml:6:15: Workers.b.config.updte_interval: exporters.tester does not use 'updte_interval' (did you mean 'update_interval'?)",
    ]);
  });

  it('refuses two workers that write one file, and a file control writes itself', () => {
    expect(
      problems({
        'setup.yaml': `${BUFFERS}Workers:
  source: {file: workers.ts, function: source, sinks: [pulses, other]}
  a: {function: exporters.tester, sources: [pulses], config: {bins: {height: [0, 1, 3]}}}
  b: {function: exporters.tester, sources: [other], config: {bins: {height: [0, 1, 3]}, filename: pulses}}
  c: {function: exporters.tester, sources: [copy], config: {bins: {height: [0, 1, 3]}, filename: stats}}
`,
      }),
    ).toEqual([
      "setup.yaml:9:99: Workers.b.config.filename: expected a file that no other worker writes, got pulses.csv, which worker 'a' writes too",
      "setup.yaml:10:98: Workers.c.config.filename: expected a name that does not clash with control's own files (setup.yaml, stats.csv, data_flow.svg, control.log, logs/, displays/), got stats.csv in the run directory",
    ]);
  });
});
