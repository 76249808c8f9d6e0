// The muon example's lifetime filter against a numpy/scipy version of it, on events of the
// example's own source: same signatures, positions, decay times, heights and integrals.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededRandom } from 'mimocorb2';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findDecay, type DecayTimeConfig } from '../../../examples/muon/modules/lifetime_filter.js';
import { MuonEventSimulator } from '../../../examples/muon/modules/muon-events.js';
import type { Signature } from '../../../examples/muon/modules/filters.js';
import { MUON_EXAMPLE_SOURCE } from '../../fixtures/examples/muon-source.js';
import { findPythonWithScipy } from '../../helpers/scipy.js';

const PYTHON = findPythonWithScipy("the comparison of the muon example's filter with scipy");
const REFERENCE = fileURLToPath(new URL('../../fixtures/examples/muon-decay-reference.py', import.meta.url));
const CONFIG_FILE = fileURLToPath(new URL('../../../examples/muon/configs/config.yaml', import.meta.url));
const CHANNELS = ['chA', 'chB', 'chC', 'chD'];
const SAMPLES = 4250;
const EVENTS = 400;

const scratch = mkdtempSync(join(tmpdir(), 'mimocorb2-muon-filter-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Reference = { signature: number; parameters: Record<string, number> } | null;

describe.skipIf(PYTHON === undefined)("the muon example's lifetime filter", () => {
  it('finds the same decays with the same pulse parameters as scipy does', () => {
    const config = parse(readFileSync(CONFIG_FILE, 'utf8')) as Record<string, unknown> & {
      signatures: Signature[];
    };
    // Half the muons stop, so that many events are decays; the rest of the source is the example's.
    const simulator = new MuonEventSimulator(
      { ...MUON_EXAMPLE_SOURCE, stoppingProbability: 0.5 },
      new SeededRandom(20261207),
    );
    const events = new Float32Array(EVENTS * CHANNELS.length * SAMPLES);
    const channelsOf = (e: number) =>
      CHANNELS.map((_, c) => events.subarray((e * 4 + c) * SAMPLES, (e * 4 + c + 1) * SAMPLES));
    for (let e = 0; e < EVENTS; e++) simulator.simulate(channelsOf(e));
    const file = join(scratch, 'events.f4');
    writeFileSync(file, events);

    const decayConfig: DecayTimeConfig = {
      sampleTimeNs: 4,
      baselineMv: -480,
      minimalProminenceInitial: 90,
      minimalProminenceSecondary: 35,
      search: { prominence: 35, distance: 10, width: 10 },
      triggerPositionTolerance: 20,
      signatures: config.signatures,
      scalings: [1, 1, 1, 1],
    };
    const fields = [
      'decay_time',
      ...['1st', '2nd'].flatMap((row) =>
        CHANNELS.flatMap((c) => ['p', 'h', 'int'].map((x) => `${row}_${c}_${x}`)),
      ),
    ];
    const mine = Array.from({ length: EVENTS }, (_, e) =>
      findDecay(channelsOf(e), CHANNELS, fields, decayConfig, new Float32Array(SAMPLES)),
    );

    const result = spawnSync(PYTHON as string, [REFERENCE, file], {
      input: JSON.stringify({ ...config, channels: CHANNELS, samples: SAMPLES }),
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(result.status, result.stderr).toBe(0);
    const reference = JSON.parse(result.stdout) as Reference[];

    expect(mine.map((m) => m?.signature ?? -1)).toEqual(reference.map((r) => r?.signature ?? -1));
    const decays = reference.filter((r) => r !== null && r.signature <= 1).length;
    expect(decays, 'events with a decay up or down').toBeGreaterThan(EVENTS / 4);
    for (const [e, expected] of reference.entries()) {
      if (expected === null) continue;
      const got = (mine[e] as NonNullable<(typeof mine)[number]>).parameters;
      for (const [field, value] of Object.entries(expected.parameters)) {
        // Positions and decay times are whole numbers; heights and integrals float32 as stored.
        if (field.endsWith('_p') || field === 'decay_time')
          expect(got[field], `event ${e} ${field}`).toBe(value);
        else expect(Math.fround(got[field] as number), `event ${e} ${field}`).toBe(Math.fround(value));
      }
      const missing = Object.keys(got).filter((f) => f !== 'decay_time' && !(f in expected.parameters));
      expect(
        missing.every((f) => got[f] === 0),
        `event ${e}: fields without a pulse are 0`,
      ).toBe(true);
    }
  });
});
