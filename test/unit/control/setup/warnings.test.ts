import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSetup } from '../../../../src/control/setup/index.js';
import { useSetupDirs, WORKERS_TS } from './setup-dir.js';

const makeDir = useSetupDirs();

function load(setup: string): ReturnType<typeof loadSetup> {
  return loadSetup('setup.yaml', { cwd: makeDir({ 'setup.yaml': setup, 'workers.ts': WORKERS_TS }) });
}

describe('setup warnings', () => {
  it('name buffers nobody reads, nobody writes, or nobody uses', () => {
    const setup = load(`Buffers:
  raw: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
  shown: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
  latest: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}, overwrite: true}
  input: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
  spare: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
Workers:
  source: {file: workers.ts, function: source, sinks: [raw, shown, latest]}
  look: {function: observers.oscilloscope, observes: [shown, latest]}
  store: {function: exporters.csv, sources: [input]}
`);
    expect(setup.warnings).toEqual([
      'setup.yaml:2:3: Buffers.raw: no worker reads this buffer (none has it in sources); its writers block once it is full',
      'setup.yaml:3:3: Buffers.shown: no worker reads this buffer (none has it in sources); its writers block once it is full (observers do not free slots)',
      'setup.yaml:5:3: Buffers.input: no worker writes this buffer (none has it in sinks); it is ended at once, so its readers do not wait',
      'setup.yaml:6:3: Buffers.spare: no worker uses this buffer',
    ]);
  });

  it('say when restart keys are given without restart: on-failure', () => {
    const setup = load(`Buffers:
  raw: {slot_count: 8, data_length: 4, data_dtype: {ch1: f4}}
Workers:
  source: {file: workers.ts, function: source, sinks: [raw], max_restarts: 5, restart_backoff: 2}
  sink: {file: workers.ts, function: filter, sources: [raw], restart: never, max_restarts: 1}
`);
    expect(setup.warnings).toEqual([
      "setup.yaml:4:62: Workers.source.max_restarts: has no effect without 'restart: on-failure'",
      "setup.yaml:4:79: Workers.source.restart_backoff: has no effect without 'restart: on-failure'",
      "setup.yaml:5:78: Workers.sink.max_restarts: has no effect without 'restart: on-failure'",
    ]);
  });

  it("accept the original examples' Options silently, output_directory standing in for target_directory", () => {
    const setup = load(`Buffers: {}
Workers:
  source: {file: workers.ts, function: source}
Options:
  output_directory: runs
  debug_workers: true
`);
    expect(setup.warnings).toEqual([]);
    expect(setup.targetDirectory).toBe(join(setup.setupDir, 'runs'));
  });

  it('accept output_directory silently when it names the target_directory', () => {
    const setup = load(`Buffers: {}
Workers:
  source: {file: workers.ts, function: source}
target_directory: ./runs
Options: {output_directory: runs, debug_workers: false}
`);
    expect(setup.warnings).toEqual([]);
    expect(setup.targetDirectory).toBe(join(setup.setupDir, 'runs'));
  });

  it('warn about what a user should change: another output_directory, a bad one, unknown options', () => {
    const other = load(`Buffers: {}
Workers:
  source: {file: workers.ts, function: source}
target_directory: out
Options:
  output_directory: runs
  output_direcory: runs
`);
    expect(other.warnings).toEqual([
      "setup.yaml:6:21: Options.output_directory: 'runs' is ignored: runs go to target_directory 'out'; remove output_directory",
      "setup.yaml:7:3: Options.output_direcory: unknown option 'output_direcory' (did you mean 'output_directory'?), ignored: Options is not part of the setup format (the original's output_directory and debug_workers are accepted); remove it",
    ]);
    expect(other.targetDirectory).toBe(join(other.setupDir, 'out'));

    const bad = load(`Buffers: {}
Workers:
  source: {file: workers.ts, function: source}
Options: {output_directory: 5}
`);
    expect(bad.warnings).toEqual([
      'setup.yaml:4:29: Options.output_directory: expected a path, got number 5; ignored',
    ]);
    expect(bad.targetDirectory).toBe(join(bad.setupDir, 'target'));

    const notMapping = load(`Buffers: {}
Workers:
  source: {file: workers.ts, function: source}
Options: verbose
`);
    expect(notMapping.warnings).toEqual([
      'setup.yaml:4:10: Options: expected a mapping of the original\'s options (output_directory, debug_workers), got string "verbose"; ignored',
    ]);
  });
});
