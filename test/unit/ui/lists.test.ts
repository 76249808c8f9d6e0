import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../src/control/logs/index.js';
import { appendSnapshot, seriesPoints } from '../../../src/ui/history.js';
import { appendLogLines, printableText } from '../../../src/ui/log-list.js';
import { breakIntoRows } from '../../../src/ui/log-rows.js';
import { wrappedRows } from '../../../src/ui/wrap-rows.js';
import { runSnapshot } from './snapshots.js';

describe('snapshot history', () => {
  it('keeps the last minute and replaces a snapshot of the same time', () => {
    let history = [runSnapshot(1_000)];
    for (let t = 1_001; t <= 1_070; t++) history = appendSnapshot(history, runSnapshot(t));
    expect(history[0]?.time).toBe(1_009);
    expect(history.at(-1)?.time).toBe(1_070);
    const again = appendSnapshot(history, runSnapshot(1_070, { raw: { rate: 5 } }));
    expect(again).toHaveLength(history.length);
    expect(again.at(-1)?.buffers[0]?.rate).toBe(5);
  });

  it('gives points relative to the newest snapshot, leaving out missing values', () => {
    const history = [runSnapshot(1_000), runSnapshot(1_001), runSnapshot(1_002)];
    expect(seriesPoints(history, (s) => (s.time === 1_001 ? undefined : s.time - 1_000))).toEqual([
      [-2, 0],
      [0, 2],
    ]);
  });
});

describe('log list', () => {
  const line = (text: string): LogLine => ({ worker: 'w', processIndex: 0, text, isError: false });

  it('keeps the newest lines up to the limit', () => {
    let list: readonly LogLine[] = [];
    list = appendLogLines(list, [line('a'), line('b')], 3);
    list = appendLogLines(list, [line('c'), line('d')], 3);
    expect(list.map((l) => l.text)).toEqual(['b', 'c', 'd']);
    expect(appendLogLines(list, [1, 2, 3, 4].map(String).map(line), 3).map((l) => l.text)).toEqual([
      '2',
      '3',
      '4',
    ]);
    expect(appendLogLines(list, [], 3)).toBe(list);
  });

  it('removes escape sequences and control characters, and turns tabs into spaces', () => {
    expect(printableText('\u001b[31mred\u001b[0m\tx\u0007\r')).toBe('red  x');
    expect(printableText('\u001b]0;title\u0007text')).toBe('text');
  });
});

describe('wrappedRows', () => {
  it('counts the rows of items laid side by side', () => {
    expect(wrappedRows([], 80)).toBe(0);
    expect(wrappedRows([10, 10, 10], 34)).toBe(1);
    expect(wrappedRows([10, 10, 10], 33)).toBe(2);
    expect(wrappedRows([100], 80)).toBe(1);
  });
});

describe('a log line broken into rows', () => {
  it('breaks at a space in the second half of a row, else at the width, and keeps every character', () => {
    const text = 'at file:///work/dist/control/worker-entry.js:140:5 and more words here';
    const rows = breakIntoRows(text, 20);
    expect(rows).toEqual([
      'at file:///work/dist',
      '/control/worker-entr',
      'y.js:140:5 and more ',
      'words here',
    ]);
    expect(rows.join('')).toBe(text);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(20);
  });

  it('leaves a line that fits as it is and counts a character outside the BMP once', () => {
    expect(breakIntoRows('short', 20)).toEqual(['short']);
    expect(breakIntoRows('µ😀'.repeat(3), 4)).toEqual(['µ😀µ😀', 'µ😀']);
  });
});
