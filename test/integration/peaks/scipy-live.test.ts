// findPeaks, peakProminences and peakWidths against scipy itself, run now on fresh random signals
// (the committed reference of test/fixtures/peaks covers the edge cases).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { makeMuonWaveforms, makeNormal, makeRandom } from '../../../src/bench/peaks/muon-waveforms.js';
import { findPeaks, peakProminences, peakWidths } from '../../../src/peaks/index.js';
import {
  asOptions,
  expectSameArrays,
  makeSignal,
  type ReferenceDtype,
} from '../../helpers/peak-reference.js';
import { findPythonWithScipy } from '../../helpers/scipy.js';

const PYTHON = findPythonWithScipy('the live scipy comparisons of findPeaks');
const SCRIPT = fileURLToPath(new URL('../../fixtures/peaks/make-reference.py', import.meta.url));

type LiveCase =
  | { x: number[]; dtype: ReferenceDtype; options: Record<string, unknown> }
  | { x: number[]; dtype: ReferenceDtype; peaks: number[]; wlen: number | null; rel_height: number };

function askScipy(cases: readonly LiveCase[]): Record<string, unknown>[] {
  const result = spawnSync(PYTHON as string, [SCRIPT, '--live'], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`make-reference.py --live failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}

const seed = Date.now() % 1_000_000;
const random = makeRandom(seed);
const normal = makeNormal(random);
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;

/** Noise with a few pulses, continuous values (no equal heights, so `distance` is defined). */
function randomSignal(): number[] {
  const n = 20 + Math.floor(random() * 800);
  const x = Array.from({ length: n }, () => normal());
  for (let p = 0; p < 1 + random() * 6; p++) {
    const start = Math.floor(random() * n);
    const height = 3 + 20 * random();
    for (let i = start; i < n; i++)
      x[i] = (x[i] as number) + height * Math.exp(-(i - start) / (2 + 10 * random()));
  }
  return x;
}

function randomOptions(): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (random() < 0.4) options['height'] = pick([1, [0.5, null], [null, 10], [-1, 8]]);
  if (random() < 0.3) options['threshold'] = pick([0, 0.2, [null, 2], [0.1, 3]]);
  if (random() < 0.4) options['distance'] = pick([1, 2, 5, 12.5]);
  if (random() < 0.6) options['prominence'] = pick([0, 1, 3, [2, null], [null, 5], [1, 10]]);
  if (random() < 0.6) options['width'] = pick([0, 1, 3, [2, 20], [null, 4]]);
  if (random() < 0.3) options['wlen'] = pick([3, 10, 51, 200.5]);
  if (random() < 0.4) options['rel_height'] = pick([0, 0.3, 0.5, 0.9, 1, 1.4]);
  if (random() < 0.2) options['plateau_size'] = pick([1, [1, 2], [null, 1]]);
  return options;
}

describe.skipIf(PYTHON === undefined)(`against scipy run now (seed ${seed})`, () => {
  it('findPeaks on random signals with random options, and on muon-like waveforms', () => {
    const cases: { x: number[]; dtype: ReferenceDtype; options: Record<string, unknown> }[] = [];
    for (let i = 0; i < 60; i++)
      cases.push({ x: randomSignal(), dtype: 'float64', options: randomOptions() });
    const muons = makeMuonWaveforms(4, undefined, seed);
    for (let w = 0; w < 4; w++)
      cases.push({
        x: Array.from(muons.subarray(w * 4250, (w + 1) * 4250)),
        dtype: 'float32',
        options: { prominence: 35, width: 10, distance: 10 },
      });
    const answers = askScipy(cases);
    cases.forEach((testCase, i) => {
      const expected = answers[i] as { peaks: number[]; properties: Record<string, number[]> };
      const result = findPeaks(makeSignal(testCase.x, testCase.dtype), asOptions(testCase.options));
      const what = `case ${i} (${testCase.x.length} samples, seed ${seed}) with ${JSON.stringify(testCase.options)}`;
      expectSameArrays(what, { peaks: result.peaks }, { peaks: expected.peaks });
      expectSameArrays(what, { ...result.properties }, expected.properties);
    });
  });

  it('peakProminences and peakWidths at random indices', () => {
    const cases = Array.from({ length: 30 }, () => {
      const x = randomSignal();
      const peaks = Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
        Math.floor(random() * x.length),
      );
      return {
        x,
        dtype: 'float64' as const,
        peaks,
        wlen: pick([null, 3, 20.5]),
        rel_height: pick([0, 0.5, 1, 2]),
      };
    });
    const answers = askScipy(cases);
    cases.forEach((testCase, i) => {
      const x = Float64Array.from(testCase.x);
      const prominences = peakProminences(x, testCase.peaks, { wlen: testCase.wlen });
      const widths = peakWidths(x, testCase.peaks, {
        rel_height: testCase.rel_height,
        prominence_data: prominences,
      });
      expectSameArrays(
        `case ${i} (seed ${seed})`,
        { ...prominences, ...widths },
        answers[i] as Record<string, number[]>,
      );
    });
  });
});
