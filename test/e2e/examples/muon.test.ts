// examples/muon runs headless as its README says, and its physics is right: the decay times in
// its CSV files give back the muon's lifetime, and the up fraction is the simulated one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MimoReader } from '../../../src/functions/data/mimo-reader.js';
import {
  expectExit,
  expectNothingLeft,
  readLog,
  REPO_ROOT,
  startRun,
  useCliRuns,
  waitForRunDir,
} from '../../helpers/cli.js';
import { useProcessCleanup } from '../../helpers/processes.js';
import { PYTHON } from '../../helpers/python.js';
import { bufferOf, parseSummary } from '../run-output.js';
import { readCsvRows, readmePython, readNpyCounts, runReadmePython } from './example-files.js';

useProcessCleanup();
useCliRuns();

const MUON_LIFETIME_NS = 2197;
/** A decay pulse must start before sample 4250 − 100; the first pulse is at 500; 4 ns a sample. */
const LATEST_DECAY_NS = (4150 - 500) * 4;
const FIT_FROM_NS = 1000;
const RUN_DEADLINE_MS = 180_000;

/**
 * The maximum-likelihood lifetime of decay times drawn from exp(−t/τ) and seen only from `from`
 * to `to`: the τ whose truncated exponential has the sample's mean (solved by bisection).
 */
function fitLifetime(times: readonly number[], from: number, to: number): number {
  const seen = times.filter((t) => t > from && t <= to).map((t) => t - from);
  const mean = seen.reduce((sum, t) => sum + t, 0) / seen.length;
  const window = to - from;
  const truncatedMean = (tau: number) => tau - window / Math.expm1(window / tau);
  let [low, high] = [1, 100 * window];
  for (let i = 0; i < 200; i++) {
    const middle = (low + high) / 2;
    if (truncatedMean(middle) < mean) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

describe('examples/muon', () => {
  it('finds ≥ 2000 decays whose times give back the lifetime, up and down as simulated', async () => {
    // The README's headless run, bounded and seeded; half the muons stop (the example: one in
    // ten), so that 6000 events give over 2000 decays in tens of seconds.
    const run = startRun(join(REPO_ROOT, 'examples', 'muon', 'spin_setup.yaml'), [
      '--ui',
      'none',
      '--set',
      'input.eventcount=6000',
      '--set',
      'input.seed=20261207',
      '--set',
      'input.prb2ndPulse=0.5',
    ]);
    const runDir = await waitForRunDir(run);
    const summary = parseSummary((await expectExit(run, 0, RUN_DEADLINE_MS)).stdout);
    for (const [worker, state] of summary.workers) expect(state, worker).toMatch(/^(all \d+: )?ok$/);
    expect(bufferOf(summary, 'InputBuffer').events).toBe(6000);

    const up = readCsvRows(join(runDir, 'PulseParametersUp_Export.csv'));
    const down = readCsvRows(join(runDir, 'PulseParametersDown_Export.csv'));
    expect(up.length).toBe(bufferOf(summary, 'PulseParametersUp').events);
    expect(down.length).toBe(bufferOf(summary, 'PulseParametersDown').events);
    const decays = up.length + down.length;
    expect(decays).toBeGreaterThanOrEqual(2000);

    const times = [...up, ...down].map((row) => row['decay_time'] as number);
    const tau = fitLifetime(times, FIT_FROM_NS, LATEST_DECAY_NS);
    expect(Math.abs(tau / MUON_LIFETIME_NS - 1), `fitted lifetime ${tau.toFixed(0)} ns`).toBeLessThan(0.1);

    // The source logs how many decays it put up and down; the filter finds a sample of them.
    const simulated = /(\d+) decays up and (\d+) down in the waveform window/.exec(readLog(runDir, 'input'));
    expect(simulated, 'the counts in logs/input.log').not.toBeNull();
    const [simulatedUp, simulatedDown] = [Number(simulated?.[1]), Number(simulated?.[2])];
    const expectedFraction = simulatedUp / (simulatedUp + simulatedDown);
    const sigma = Math.sqrt((expectedFraction * (1 - expectedFraction)) / decays);
    expect(Math.abs(up.length / decays - expectedFraction)).toBeLessThan(3 * sigma);

    // Every decay is in its histogram (all times are below 15 µs), and every accepted trace in the .mimo.
    const histogram = readNpyCounts(join(runDir, 'Histograms_PulseParametersUp', 'decay_time.npy'));
    expect(histogram).toHaveLength(74);
    expect(histogram.reduce((sum, c) => sum + c, 0)).toBe(up.length);
    const accepted = MimoReader.open(join(runDir, 'AcceptedPulses.mimo'));
    expect(accepted.recordCount).toBe(decays);
    accepted.close();
    expect(readdirSync(join(runDir, 'displays')).sort()).toEqual([
      'accepted_ocilloscope.0.accepted_ocilloscope.svg',
      'oscilloscope.0.oscilloscope.svg',
      'showHistDown.0.showHistDown.svg',
      'showHistUp.0.showHistUp.svg',
    ]);
    expect(existsSync(join(run.targetDir, 'latest', 'PulseParametersUp_Export.csv'))).toBe(true);

    // The README's numpy lines read this run and print the same lifetime (within its 1 % bias).
    if (PYTHON !== undefined) {
      const printed = await runReadmePython(readmePython('muon', runDir));
      const readmeTau = Number(/tau = (\d+) \+- \d+ ns/.exec(printed)?.[1]);
      expect(Math.abs(readmeTau / tau - 1), printed).toBeLessThan(0.03);
      expect(printed).toContain(`up: ${up.length}, down: ${down.length}`);
    }
    expect(readFileSync(join(runDir, 'setup.yaml'), 'utf8')).toContain('prb2ndPulse: 0.5');
    expectNothingLeft(run);
  });
});
