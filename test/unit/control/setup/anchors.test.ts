import { describe, expect, it } from 'vitest';
import { loadSetup } from '../../../../src/control/setup/index.js';
import { problemsOf, useSetupDirs, WORKERS_TS } from './setup-dir.js';

const makeDir = useSetupDirs();

describe('YAML anchors and merge keys', () => {
  it('resolve aliases and <<: merges, with templates held in anchored top-level keys', () => {
    const dir = makeDir({
      'workers.ts': WORKERS_TS,
      'setup.yaml': `osc_template: &osc_template
  slot_count: 128
  data_length: 50
  data_dtype: {chA: f4, chB: f4}
worker_defaults: &worker_defaults
  file: workers.ts
  number_of_processes: 2
ring: &ring {overwrite: true}

Buffers:
  input: *osc_template
  accepted:
    <<: *osc_template
    slot_count: 16
  latest:
    <<: [*ring, *osc_template]
Workers:
  source: {<<: *worker_defaults, function: source, sinks: [input, latest]}
  filter:
    <<: *worker_defaults
    function: filter
    number_of_processes: 3
    sources: [input]
    sinks: [accepted]
  store: {function: exporters.csv, sources: [accepted, latest]}
`,
    });
    const setup = loadSetup('setup.yaml', { cwd: dir });
    expect(
      setup.buffers.map(({ name, slotCount, dataLength, fields, overwrite }) => [
        name,
        slotCount,
        dataLength,
        fields,
        overwrite,
      ]),
    ).toEqual([
      ['input', 128, 50, { chA: 'f4', chB: 'f4' }, false],
      ['accepted', 16, 50, { chA: 'f4', chB: 'f4' }, false],
      ['latest', 128, 50, { chA: 'f4', chB: 'f4' }, true],
    ]);
    expect(setup.workers.map((w) => [w.name, w.function, w.numberOfProcesses])).toEqual([
      ['source', 'source', 2],
      ['filter', 'filter', 3],
      ['store', 'exporters.csv', 1],
    ]);
    expect(setup.warnings).toEqual([]);
    // Templates are not part of the resolved setup.
    expect(Object.keys(setup.plain)).toEqual(['Buffers', 'Workers', 'target_directory']);
  });

  it('report a problem in a template where the template is written, once per use', () => {
    const dir = makeDir({
      'workers.ts': WORKERS_TS,
      'setup.yaml': `template: &template
  slot_count: 8
  data_length: 4
  data_dtype: {ch1: f16}
Buffers:
  a: *template
  b:
    <<: *template
    data_length: 2
Workers:
  source: {file: workers.ts, function: source, sinks: [a, b]}
`,
    });
    const expected =
      "unknown dtype 'f16'; expected one of f4 f8 float32 float64 i1 i2 i4 i8 int8..int64 u1 u2 u4 u8 uint8..uint64 b1 bool S<n>";
    expect(problemsOf(() => loadSetup('setup.yaml', { cwd: dir }))).toEqual([
      `setup.yaml:4:21: Buffers.a.data_dtype.ch1: ${expected}`,
      `setup.yaml:4:21: Buffers.b.data_dtype.ch1: ${expected}`,
    ]);
  });
});
