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

  it("accept the original simple example's Options, using output_directory as target_directory", () => {
    const setup = load(`Buffers: {}
Workers:
  source: {file: workers.ts, function: source}
Options:
  output_directory: runs
  debug_workers: true
`);
    expect(setup.warnings).toEqual([
      'setup.yaml:4:1: Options: not part of the setup format; output_directory is used as target_directory (write target_directory: runs instead); debug_workers is ignored',
    ]);
    expect(setup.targetDirectory).toBe(join(setup.setupDir, 'runs'));
  });

  it('ignore Options when target_directory is given', () => {
    const setup = load(`Buffers: {}
Workers:
  source: {file: workers.ts, function: source}
target_directory: out
Options: {output_directory: runs}
`);
    expect(setup.warnings).toEqual([
      'setup.yaml:5:1: Options: not part of the setup format; output_directory is ignored',
    ]);
    expect(setup.targetDirectory).toBe(join(setup.setupDir, 'out'));
  });
});
