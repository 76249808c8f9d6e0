// findPeaks, peakProminences and peakWidths against scipy's answers on the signals of
// test/fixtures/peaks/make-reference.py (regenerate the file with it; see its docstring).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPeaks, peakProminences, peakWidths } from '../../../src/peaks/index.js';
import {
  asOptions,
  expectSameArrays,
  makeSignal,
  type ReferenceDtype,
} from '../../helpers/peak-reference.js';

interface Reference {
  readonly scipy: string;
  readonly signals: readonly { name: string; dtype: ReferenceDtype; x: number[] }[];
  readonly find_peaks: readonly {
    signal: number;
    options: Record<string, unknown>;
    expected: { peaks: number[]; properties: Record<string, number[]> };
  }[];
  readonly measures: readonly {
    signal: number;
    peaks: number[];
    wlen: number | null;
    rel_height: number;
    expected: Record<string, number[]>;
  }[];
}

const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/peaks/reference.json', import.meta.url), 'utf8'),
) as Reference;
const signals = reference.signals.map((s) => ({ ...s, typed: makeSignal(s.x, s.dtype) }));

function signalOf(index: number) {
  const signal = signals[index];
  if (signal === undefined) throw new Error(`reference.json has no signal ${index}`);
  return signal;
}

describe(`findPeaks equals scipy ${reference.scipy}`, () => {
  it('has many cases over many signals', () => {
    expect(reference.find_peaks.length).toBeGreaterThan(1000);
    expect(reference.signals.length).toBeGreaterThan(30);
  });

  it.each(reference.signals.map((s, i) => [s.name, i] as const))('on %s', (_name, index) => {
    const signal = signalOf(index);
    for (const testCase of reference.find_peaks.filter((c) => c.signal === index)) {
      const what = `${signal.name} (${signal.dtype}) with ${JSON.stringify(testCase.options)}`;
      const result = findPeaks(signal.typed, asOptions(testCase.options));
      expectSameArrays(what, { peaks: result.peaks }, { peaks: testCase.expected.peaks });
      expectSameArrays(what, { ...result.properties }, testCase.expected.properties);
    }
  });

  it('gives the same for a number[] as for its Float64Array', () => {
    for (const testCase of reference.find_peaks.filter((c) => signalOf(c.signal).dtype === 'float64')) {
      const result = findPeaks(signalOf(testCase.signal).x, asOptions(testCase.options));
      expect(Array.from(result.peaks)).toEqual(testCase.expected.peaks);
    }
  });
});

describe(`peakProminences and peakWidths equal scipy ${reference.scipy}`, () => {
  it.each(reference.measures.map((m, i) => [signalOf(m.signal).name, m.wlen, m.rel_height, i] as const))(
    'on %s, wlen %s, rel_height %s',
    (name, wlen, relHeight, index) => {
      const testCase = reference.measures[index]!;
      const x = signalOf(testCase.signal).typed;
      const prominences = peakProminences(x, testCase.peaks, { wlen });
      const widths = peakWidths(x, testCase.peaks, { rel_height: relHeight, prominence_data: prominences });
      expectSameArrays(
        `${name} peaks ${JSON.stringify(testCase.peaks)}`,
        { ...prominences, ...widths },
        testCase.expected,
      );
      // Without prominence_data, peakWidths measures the prominences itself, with wlen.
      const direct = peakWidths(x, testCase.peaks, { rel_height: relHeight, wlen });
      expect(Array.from(direct.widths)).toEqual(Array.from(widths.widths));
    },
  );
});
