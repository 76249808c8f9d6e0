import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkSetup,
  checkWorkerExports,
  loadSetup,
  type PrebuiltChecker,
} from '../../../../src/control/setup/index.js';
import { prebuiltChecker } from '../../../../src/functions/registry.js';
import { FIXTURE_SETUPS } from './setup-dir.js';

// Every function of these examples that the registry has is checked with its configs; the ones
// not built yet are passed over.
const registeredOnly: PrebuiltChecker = {
  names: prebuiltChecker.names,
  check: (worker, report) => prebuiltChecker.check(worker, report) ?? { writes: [], reads: [] },
  checkWithoutBuffers: (worker, report) => prebuiltChecker.checkWithoutBuffers(worker, report) || true,
};

describe("the original's example setups, with .ts worker files", () => {
  it.each([
    ['simple/setup.yaml', 3, 4, 'target'],
    ['muon/spin_setup.yaml', 6, 11, 'target'],
    ['mimo_files/read_setup.yaml', 6, 9, 'target'],
    ['mimo_files/write_setup.yaml', 1, 3, 'target'],
    ['redpitaya-spectroscopy/setup.yaml', 3, 6, 'target'],
  ])('%s validates, and its workers export their functions', async (file, buffers, workers, target) => {
    const setupFile = join(FIXTURE_SETUPS, file);
    const setup = await checkSetup(setupFile, [(draft) => checkWorkerExports(draft)], {
      prebuilt: registeredOnly,
    });
    expect(setup.buffers).toHaveLength(buffers);
    expect(setup.workers).toHaveLength(workers);
    expect(setup.targetDirectory).toBe(join(setup.setupDir, target));
    expect(setup.warnings).toEqual([]);
  });

  it('simple: both oscilloscope buffers come from one template, and writers count processes', () => {
    const setup = loadSetup(join(FIXTURE_SETUPS, 'simple/setup.yaml'));
    expect(
      setup.buffers.map((b) => [b.name, b.slotCount, b.dataLength, b.overwrite, b.writers, b.readers]),
    ).toEqual([
      ['raw_osc', 500, 100, true, 1, 2],
      ['filtered_osc', 500, 100, true, 2, 3],
      ['pulse_heights', 500, 1, true, 3, 1],
    ]);
    expect(setup.workers.find((w) => w.name === 'filter')?.config).toEqual({ min_height: 0.05 });
  });

  it('muon: the parameter template keeps its 25 fields in order', () => {
    const setup = loadSetup(join(FIXTURE_SETUPS, 'muon/spin_setup.yaml'));
    const fields = Object.keys(setup.buffers.find((b) => b.name === 'PulseParametersUp')?.fields ?? {});
    expect(fields).toHaveLength(25);
    expect(fields.slice(0, 3)).toEqual(['decay_time', '1st_chA_h', '1st_chB_h']);
    expect(setup.buffers.find((b) => b.name === 'InputBuffer')?.writers).toBe(1);
    expect(setup.buffers.find((b) => b.name === 'InputBuffer')?.readers).toBe(3);
  });

  it('redpitaya: a buffer and a worker may share a name', () => {
    const setup = loadSetup(join(FIXTURE_SETUPS, 'redpitaya-spectroscopy/setup.yaml'));
    expect(setup.buffers.map((b) => b.name)).toContain('pulse_parameters_export');
    expect(setup.workers.map((w) => w.name)).toContain('pulse_parameters_export');
    expect(setup.workers.find((w) => w.name === 'osc')?.config).toEqual({ ylim: [-4096, 4096] });
  });
});
