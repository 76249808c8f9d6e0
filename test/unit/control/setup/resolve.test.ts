import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatSetupYaml, loadSetup } from '../../../../src/control/setup/index.js';
import { DEFAULT_SUPERVISION } from '../../../../src/control/setup/validate-supervision.js';
import { useSetupDirs, WORKERS_TS } from './setup-dir.js';

const makeDir = useSetupDirs();

const SETUP = `# A full setup: every key of the format.
Buffers:
  raw:
    slot_count: 64
    data_length: 100
    data_dtype: {ch1: f4, ch2: '<i2'}
  pulses:
    slot_count: 32
    data_length: 1
    data_dtype: {height: float64, label: S8}
    overwrite: false
  latest: {slot_count: 4, data_length: 100, data_dtype: {ch1: f4}, overwrite: true}
Workers:
  source:
    file: workers.ts
    function: source
    sinks: [raw, latest]
    config: [source.yaml, {n_events: 500}]
    number_of_processes: 2
  filter:
    file: workers.ts
    function: filter
    sources: [raw]
    sinks: [pulses]
    number_of_processes: 3
    config: {min_height: 0.5}
  store:
    function: exporters.csv
    sources: [pulses]
    config: {filename: pulses}
  look:
    function: observers.oscilloscope
    observes: [latest]
base_config: {rate: 100, debug: false}
target_directory: runs
`;

describe('loadSetup of a valid setup', () => {
  it('resolves every key, frozen', () => {
    const dir = makeDir({
      'setup.yaml': SETUP,
      'workers.ts': WORKERS_TS,
      'source.yaml': 'n_events: 10\nrate: 5\n',
    });
    const setup = loadSetup(join(dir, 'setup.yaml'));
    const workers = join(dir, 'workers.ts');
    const { plain, ...resolved } = setup;
    expect(resolved).toEqual({
      setupFile: join(dir, 'setup.yaml'),
      setupDir: dir,
      targetDirectory: join(dir, 'runs'),
      buffers: [
        {
          name: 'raw',
          slotCount: 64,
          dataLength: 100,
          fields: { ch1: 'f4', ch2: '<i2' },
          overwrite: false,
          writers: 2,
          readers: 3,
          observers: 0,
          maxProcesses: 256,
        },
        {
          name: 'pulses',
          slotCount: 32,
          dataLength: 1,
          fields: { height: 'float64', label: 'S8' },
          overwrite: false,
          writers: 3,
          readers: 1,
          observers: 0,
          maxProcesses: 256,
        },
        {
          name: 'latest',
          slotCount: 4,
          dataLength: 100,
          fields: { ch1: 'f4' },
          overwrite: true,
          writers: 2,
          readers: 0,
          observers: 1,
          maxProcesses: 256,
        },
      ],
      workers: [
        {
          name: 'source',
          file: workers,
          function: 'source',
          config: { rate: 5, debug: false, n_events: 500 },
          numberOfProcesses: 2,
          sources: [],
          sinks: ['raw', 'latest'],
          observes: [],
          files: [],
          supervision: DEFAULT_SUPERVISION,
        },
        {
          name: 'filter',
          file: workers,
          function: 'filter',
          config: { rate: 100, debug: false, min_height: 0.5 },
          numberOfProcesses: 3,
          sources: ['raw'],
          sinks: ['pulses'],
          observes: [],
          files: [],
          supervision: DEFAULT_SUPERVISION,
        },
        {
          name: 'store',
          file: undefined,
          function: 'exporters.csv',
          config: { rate: 100, debug: false, filename: 'pulses' },
          numberOfProcesses: 1,
          sources: ['pulses'],
          sinks: [],
          observes: [],
          files: [],
          supervision: DEFAULT_SUPERVISION,
        },
        {
          name: 'look',
          file: undefined,
          function: 'observers.oscilloscope',
          config: { rate: 100, debug: false },
          numberOfProcesses: 1,
          sources: [],
          sinks: [],
          observes: ['latest'],
          files: [],
          supervision: DEFAULT_SUPERVISION,
        },
      ],
      warnings: [],
    });
    expect(Object.isFrozen(setup)).toBe(true);
    expect(Object.isFrozen(setup.buffers[0]?.fields)).toBe(true);
    expect(Object.isFrozen(setup.workers[0]?.config)).toBe(true);
    expect(Object.isFrozen(setup.workers[0]?.sinks)).toBe(true);
    expect(Object.isFrozen(plain.Workers)).toBe(true);
  });

  it('gives a plain form with the original key names that loads again to the same setup', () => {
    const dir = makeDir({ 'setup.yaml': SETUP, 'workers.ts': WORKERS_TS, 'source.yaml': 'rate: 5\n' });
    const setup = loadSetup(join(dir, 'setup.yaml'));
    expect(setup.plain.Workers['store']).toEqual({
      function: 'exporters.csv',
      config: { rate: 100, debug: false, filename: 'pulses' },
      number_of_processes: 1,
      sources: ['pulses'],
      sinks: [],
      observes: [],
    });
    expect(setup.plain.Buffers['latest']).toEqual({
      slot_count: 4,
      data_length: 100,
      data_dtype: { ch1: 'f4' },
      overwrite: true,
    });
    const text = formatSetupYaml(setup);
    expect(text).not.toContain('&');
    expect(parse(text)).toEqual(setup.plain);

    // Saved in a run directory elsewhere, it needs nothing beside it.
    const runDir = makeDir({});
    writeFileSync(join(runDir, 'setup.yaml'), text);
    const again = loadSetup(join(runDir, 'setup.yaml'));
    expect(again.buffers).toEqual(setup.buffers);
    expect(again.workers).toEqual(setup.workers);
    expect(again.targetDirectory).toBe(setup.targetDirectory);
  });

  it('resolves the supervision keys, sizes the process entries for restarts, and keeps them in the plain form', () => {
    const dir = makeDir({
      'setup.yaml': `Buffers:
  raw: {slot_count: 8, data_length: 1, data_dtype: {x: f8}}
Workers:
  source: {file: workers.ts, function: source, sinks: [raw], number_of_processes: 4, restart: on-failure, max_restarts: 99}
  sink:
    file: workers.ts
    function: filter
    sources: [raw]
    restart: on-failure
    restart_backoff: 0.5
    max_memory: 1.5G
    max_silence: 20
`,
      'workers.ts': WORKERS_TS,
    });
    const setup = loadSetup(join(dir, 'setup.yaml'));
    expect(setup.workers[1]?.supervision).toEqual({
      restart: 'on-failure',
      maxRestarts: 3,
      restartBackoffS: 0.5,
      maxMemoryBytes: 1.5 * 2 ** 30,
      maxSilenceS: 20,
    });
    // 4 × (1 + 99) lives of the source and 1 × (1 + 3) of the sink.
    expect(setup.buffers[0]?.maxProcesses).toBe(404);
    expect(setup.plain.Workers['sink']).toMatchObject({
      restart: 'on-failure',
      max_restarts: 3,
      restart_backoff: 0.5,
      max_memory: '1536M',
      max_silence: 20,
    });
    const runDir = makeDir({});
    writeFileSync(join(runDir, 'setup.yaml'), formatSetupYaml(setup));
    expect(loadSetup(join(runDir, 'setup.yaml')).workers).toEqual(setup.workers);
  });
});
