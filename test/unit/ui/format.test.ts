import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
  truncate,
} from '../../../src/ui/format.js';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [7.25, '7.3'],
    [950, '950'],
    [999.4, '999'],
    [1000, '1k'],
    [1850, '1.85k'],
    [12_340, '12.3k'],
    [12_000, '12k'],
    [123_456, '123k'],
    [2_500_000, '2.5M'],
    [-1500, '-1.5k'],
  ])('%d is %s', (value, text) => {
    expect(formatCount(value)).toBe(text);
  });

  it('shows what is not a number as -', () => {
    expect(formatCount(Number.NaN)).toBe('-');
    expect(formatCount(Infinity)).toBe('-');
  });
});

describe('the other formats', () => {
  it('formats rates, bytes, durations and percents', () => {
    expect(formatRate(1998.7)).toBe('2k/s');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(48.25 * 1024 * 1024)).toBe('48.3 MiB');
    expect(formatDuration(42.9)).toBe('42 s');
    expect(formatDuration(187)).toBe('3:07');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatPercent(3)).toBe('3.0%');
    expect(formatPercent(137.4)).toBe('137%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('truncates from the end, or from the start to keep the end', () => {
    expect(truncate('abcdef', 10)).toBe('abcdef');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('/a/b/run_1', 6, true)).toBe('…run_1');
    expect(truncate('abc', 0)).toBe('');
  });
});
