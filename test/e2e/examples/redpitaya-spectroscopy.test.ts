// examples/redpitaya-spectroscopy runs headless as its README says, and its spectrum is right:
// the fitted photo peaks are where the model puts them (energy × 3 ADC counts per keV).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectExit,
  expectNothingLeft,
  REPO_ROOT,
  startRun,
  useCliRuns,
  waitForRunDir,
} from '../../helpers/cli.js';
import { useProcessCleanup } from '../../helpers/processes.js';
import { python } from '../../helpers/python.js';
import { findPythonWithScipy } from '../../helpers/scipy.js';
import { bufferOf, parseSummary } from '../run-output.js';
import { readCsvRows, readmePython, readNpyCounts, runReadmePython } from './example-files.js';

useProcessCleanup();
useCliRuns();

const SCIPY = findPythonWithScipy("the photo-peak fits of the spectroscopy example's test");
const SETUP = join(REPO_ROOT, 'examples', 'redpitaya-spectroscopy', 'setup.yaml');
const EVENTS = 15_000;
const RUN_DEADLINE_MS = 120_000;
/** energy_conversion: [3, 0] in config.yaml. */
const ADC_PER_KEV = 3;

// A Gaussian on a straight background, fitted to the histogram within ±5 % of each expected peak.
const FIT = `
import json, sys
import numpy as np
from scipy.optimize import curve_fit
counts = np.load(sys.argv[1])
centres = np.arange(len(counts)) + 0.5
def peak(x, n, mu, sigma, a, b):
    return n * np.exp(-0.5 * ((x - mu) / sigma) ** 2) + a + b * (x - mu)
fitted = []
for expected in json.loads(sys.argv[2]):
    window = (centres > expected * 0.95) & (centres < expected * 1.05)
    p0 = [counts[window].max(), expected, 0.03 * expected, 0, 0]
    (n, mu, sigma, a, b), _ = curve_fit(peak, centres[window], counts[window], p0=p0)
    fitted.append(mu)
print(json.dumps(fitted))
`;

async function runIsotope(isotope: string): Promise<{ runDir: string; stdout: string[] }> {
  const run = startRun(SETUP, [
    '--ui',
    'none',
    '--set',
    `from_simulation.isotope=${isotope}`,
    '--set',
    `from_simulation.eventcount=${EVENTS}`,
    '--set',
    'from_simulation.seed=7',
    '--set',
    'from_simulation.average_rate=0',
  ]);
  const runDir = await waitForRunDir(run);
  const { stdout } = await expectExit(run, 0, RUN_DEADLINE_MS);
  expectNothingLeft(run);
  return { runDir, stdout };
}

describe('examples/redpitaya-spectroscopy', () => {
  it.each([
    ['Co-60', [1173.228, 1332.492]],
    ['Cs-137', [661.657]],
  ])(
    '%s: every pulse in the CSV and the spectrum, the photo peaks where the model puts them',
    async (isotope, lines) => {
      const { runDir, stdout } = await runIsotope(isotope);
      const summary = parseSummary(stdout);
      for (const [worker, state] of summary.workers) expect(state, worker).toBe('ok');
      expect(bufferOf(summary, 'oscilloscope').events).toBe(EVENTS);
      const pulses = bufferOf(summary, 'pulse_parameters').events;
      // Energies below pha's height (500 ADC counts) give no pulse.
      expect(pulses).toBeGreaterThan(EVENTS * 0.5);
      const rows = readCsvRows(join(runDir, 'pulse_parameters_export.csv'));
      expect(rows).toHaveLength(pulses);
      const spectrum = readNpyCounts(join(runDir, 'Histograms_pulse_parameters', 'peak_heights.npy'));
      expect(spectrum).toHaveLength(4095);
      const inRange = rows.filter((row) => (row['peak_heights'] as number) <= 4095).length;
      expect(spectrum.reduce((sum, c) => sum + c, 0)).toBe(inRange);
      expect(readdirSync(join(runDir, 'displays')).sort()).toEqual([
        'osc.0.osc.svg',
        'show_histogram.0.show_histogram.svg',
      ]);
      if (SCIPY === undefined) return;

      const expected = lines.map((energy) => energy * ADC_PER_KEV);
      const npy = join(runDir, 'Histograms_pulse_parameters', 'peak_heights.npy');
      const result = await python(['-c', FIT, npy, JSON.stringify(expected)]);
      expect(result.stderr).toBe('');
      const fitted = JSON.parse(result.stdout) as number[];
      for (const [i, centroid] of fitted.entries()) {
        const at = expected[i] as number;
        expect(
          Math.abs(centroid / at - 1),
          `photo peak at ${centroid.toFixed(1)}, the model's at ${at.toFixed(1)}`,
        ).toBeLessThan(0.01);
      }
      if (isotope === 'Cs-137') {
        // The README's fit (made for Cs-137) reads this run.
        const printed = await runReadmePython(readmePython('redpitaya-spectroscopy', runDir));
        const centroid = Number(/photo peak at ([\d.]+) ADC counts/.exec(printed)?.[1]);
        expect(Math.abs(centroid / (expected[0] as number) - 1), printed).toBeLessThan(0.01);
        expect(printed).toContain(`${pulses} pulses`);
      }
    },
  );

  it('runs endlessly as the README says, until --duration stops the source; every pulse is saved', async () => {
    const run = startRun(SETUP, ['--ui', 'none', '--duration', '2']);
    const runDir = await waitForRunDir(run);
    const { stdout, stderr } = await expectExit(run, 0, RUN_DEADLINE_MS);
    expect(stderr).toContain('--duration 2 s reached: stopping the roots');
    const summary = parseSummary(stdout);
    expect(bufferOf(summary, 'oscilloscope').events).toBeGreaterThan(0);
    const rows = readCsvRows(join(runDir, 'pulse_parameters_export.csv'));
    expect(rows).toHaveLength(bufferOf(summary, 'pulse_parameters').events);
    expectNothingLeft(run);
  });
});
