import { describe, expect, it } from 'vitest';
import { checkDisplayContent, MAX_DISPLAY_NUMBERS } from '../../../src/display/index.js';
import { toHexColor } from '../../../src/functions/observers/plot-colors.js';
import { ScopeTrace, type ScopeTraceOptions } from '../../../src/functions/observers/scope-trace.js';

function trace(samples: number, more: Partial<ScopeTraceOptions> = {}): ScopeTrace {
  return new ScopeTrace({
    title: 'scope',
    channels: ['a', 'b'],
    samples,
    tScaling: [1, 0, 'Samples'],
    yScaling: [1, 0, 'Value'],
    ...more,
  });
}

describe('ScopeTrace', () => {
  it('scales every sample of every channel, into the same arrays each time', () => {
    const scope = trace(4, { tScaling: [0.25, -1, 'µs'], yScaling: [-0.5, 3, 'mV'] });
    const { x } = scope.content;
    const y = scope.content.series[0]?.y;
    expect(scope.show({ a: new Int16Array([0, 2, 4, -6]), b: new BigInt64Array([1n, 2n, 3n, 4n]) })).toBe(
      true,
    );
    expect(scope.content.x).toBe(x);
    expect(scope.content.series[0]?.y).toBe(y);
    expect(Array.from(x ?? [])).toEqual([-1, -0.75, -0.5, -0.25]);
    expect(Array.from(scope.content.series[0]?.y ?? [])).toEqual([3, 2, 1, 6]);
    expect(Array.from(scope.content.series[1]?.y ?? [])).toEqual([2.5, 2, 1.5, 1]);
    expect(checkDisplayContent(scope.content)).toEqual([]);
  });

  it('shows a waveform longer than a display holds by the lowest and highest sample of each stretch', () => {
    const samples = 100_000;
    const a = new Float32Array(samples).map((_, i) => Math.sin(i / 1000));
    const b = new Float32Array(samples);
    a[54_321] = 7; // a one-sample spike up
    b[77_777] = -9; // and one down
    const scope = trace(samples, { tScaling: [2, 5, 'ns'] });
    expect(scope.show({ a, b })).toBe(true);
    const { x, series } = scope.content;
    const perSeries = Math.floor(MAX_DISPLAY_NUMBERS / 3);
    expect(x?.length).toBe(2 * Math.floor(perSeries / 2));
    expect(checkDisplayContent(scope.content)).toEqual([]);
    // The spikes stay, at about their time; the extremes of the sine too.
    const ya = Array.from(series[0]?.y ?? []);
    const yb = Array.from(series[1]?.y ?? []);
    const spike = ya.indexOf(7);
    expect(Math.abs((x?.[spike] ?? 0) - (5 + 2 * 54_321))).toBeLessThan(
      ((2 * samples) / (x?.length ?? 1)) * 2,
    );
    expect(Math.min(...yb)).toBe(-9);
    expect(Math.max(...ya.filter((v) => v !== 7))).toBeCloseTo(1, 4);
    expect(Math.min(...ya)).toBeCloseTo(-1, 4);
    // x runs from the first sample's time to the last one's.
    expect(x?.[0]).toBe(5);
    expect(x?.at(-1)).toBe(5 + 2 * (samples - 1));
  });

  it('refuses a waveform with NaN or infinite samples (a display holds finite numbers only)', () => {
    const scope = trace(3);
    expect(scope.show({ a: new Float32Array([1, Number.NaN, 2]), b: new Float32Array(3) })).toBe(false);
    expect(scope.show({ a: new Float32Array(3), b: new Float64Array([0, Infinity, 0]) })).toBe(false);
    expect(scope.show({ a: new Float32Array([1, 2, 3]), b: new Float32Array(3) })).toBe(true);
  });

  it('carries the limits, the trigger level and a colour per channel, used in turn', () => {
    const scope = trace(2, { ylim: [-1, 1], triggerLevel: 0.5, colors: ['#ff0000'] });
    expect(scope.content.yRange).toEqual([-1, 1]);
    expect(scope.content.horizontalLines).toEqual([{ y: 0.5, name: 'Trigger Level' }]);
    expect(scope.content.series.map((s) => s.color)).toEqual(['#ff0000', '#ff0000']);
  });
});

describe('toHexColor', () => {
  it.each([
    ['red', '#ff0000'],
    ['DarkOrange', '#ff8c00'],
    ['#1F77B4', '#1f77b4'],
    ['#abc', '#aabbcc'],
    ['C0', '#1f77b4'],
    ['C9', '#17becf'],
    ['tab:orange', '#ff7f0e'],
    ['tab:grey', '#7f7f7f'],
    ['k', '#000000'],
    ['g', '#008000'],
    ['0.5', '#808080'],
    ['1', '#ffffff'],
  ])('%s is %s', (spec, hex) => {
    expect(toHexColor(spec)).toBe(hex);
  });

  it.each(['reddish', 'C10', '1.5', '', '#12345'])('%j is no colour', (spec) => {
    expect(toHexColor(spec)).toBeUndefined();
  });
});
