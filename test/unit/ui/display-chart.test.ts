import { describe, expect, it } from 'vitest';
import { barRows } from '../../../src/ui/chart/bar-rows.js';
import { binColumns } from '../../../src/ui/chart/bin-columns.js';
import { BrailleCanvas } from '../../../src/ui/chart/braille-canvas.js';
import { columnExtents } from '../../../src/ui/chart/column-extents.js';
import { drawLine } from '../../../src/ui/chart/series-plot.js';
import { tickLabels } from '../../../src/ui/chart/tick-labels.js';
import { xAxisText } from '../../../src/ui/chart/x-axis.js';
import {
  formatAxisNumber,
  linearAxis,
  linearRange,
  logAxis,
  niceStep,
} from '../../../src/ui/chart/y-axis.js';
import { sineWithSpike } from './display-frames.js';

describe('value axes', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect([0.7, 1, 1.5, 3, 7, 12, 0.03, 4500].map(niceStep)).toEqual([1, 1, 2, 5, 10, 20, 0.05, 5000]);
  });

  it('widens the data range to whole steps, keeps a fixed range and gives a flat line some room', () => {
    expect(linearRange(-0.93, 4.2, 5)).toEqual([-2, 6]);
    expect(linearRange(-0.93, 4.2, 5, [-1, 1])).toEqual([-1, 1]);
    expect(linearRange(3, 3, 5)).toEqual([1.5, 4.5]);
    expect(linearRange(0, 0, 5)).toEqual([0, 1]);
  });

  it('puts linear ticks on whole steps inside the range, top first, with the decimals the step needs', () => {
    const axis = linearAxis(-1, 1, 40, 5);
    expect(axis.ticks).toEqual([1, 0.5, 0, -0.5, -1]);
    expect(axis.ticks.map(axis.format)).toEqual(['1.0', '0.5', '0', '-0.5', '-1.0']);
    expect(axis.toDot(1)).toBe(0);
    expect(axis.toDot(-1)).toBe(39);
    expect(axis.toDot(7)).toBe(0); // clamped
  });

  it('puts log ticks on decades, keeps zero below the lowest count and thins the ticks when rows are few', () => {
    const axis = logAxis([0, 1, 20, 1000], 40, 10);
    expect(axis.ticks.map(axis.format)).toEqual(['1000', '100', '10', '1', '0.1']);
    expect(axis.toDot(0)).toBe(39);
    expect(axis.toDot(1)).toBeLessThan(39);
    expect(logAxis([1e-3, 1e6], 12, 3).ticks).toEqual([1e6, 1e2, 1e-2]);
    expect(logAxis([5], 12, 3, [1, 100]).ticks).toEqual([100, 10, 1]);
  });

  it('writes numbers short: SI prefixes for large ones, exponents for tiny ones', () => {
    expect(formatAxisNumber(25_000, 5000)).toBe('25k');
    expect(formatAxisNumber(0.25, 0.05)).toBe('0.25');
    expect(formatAxisNumber(2e-6, 1e-6)).toBe('2e-6');
    expect(formatAxisNumber(0, 0.1)).toBe('0');
  });

  it('labels the rows the ticks fall in', () => {
    expect(tickLabels(linearAxis(0, 10, 16, 3), 4, 4)).toEqual(['10', '', '5', '0']);
  });
});

describe('columnExtents', () => {
  it('keeps the min and max of every column, so a one-sample spike stays', () => {
    const y = sineWithSpike(10_000, 4321);
    const extents = columnExtents(y, undefined, (x) => (x / 9999) * 99);
    expect(extents).toHaveLength(100);
    expect(Math.max(...extents.map((e) => e.max))).toBe(5);
    expect(extents[0]).toMatchObject({ column: 0, first: 0 });
  });

  it('uses the x values when given and starts a new run when a column comes again', () => {
    const extents = columnExtents([1, 2, 3, 4], [0, 0.1, 5, 0.2], (x) => x);
    expect(extents.map((e) => [e.column, e.min, e.max])).toEqual([
      [0, 1, 2],
      [5, 3, 3],
      [0, 4, 4],
    ]);
  });

  it('draws the spike into the chart', () => {
    const canvas = new BrailleCanvas(20, 5);
    const axis = linearAxis(-1, 5, 20, 4);
    drawLine(canvas, axis, sineWithSpike(10_000, 4321), undefined, [0, 9999], 0);
    expect(canvas.row(0).some((run) => run.series === 0)).toBe(true);
  });
});

describe('binColumns', () => {
  it('sums neighbouring bins by a whole factor when there are more bins than columns', () => {
    const layout = binColumns([1, 2, 3, 4, 5, 6, 7], 3);
    expect(layout).toEqual({ values: [6, 15, 7], binsPerColumn: 3, columnsPerBin: 1 });
  });

  it('widens every bin to the same number of columns when there are fewer', () => {
    expect(binColumns([1, 2, 3], 10)).toEqual({
      values: [1, 1, 1, 2, 2, 2, 3, 3, 3],
      binsPerColumn: 1,
      columnsPerBin: 3,
    });
  });
});

describe('barRows', () => {
  it('draws bars of eighth blocks; a small positive count still shows', () => {
    const axis = linearAxis(0, 16, 2 * 8 + 1, 3);
    expect(barRows([16, 8, 3, 0.01, 0], axis, 2)).toEqual(['█    ', '██▃▁ ']);
  });
});

describe('xAxisText', () => {
  it('puts the range at the ends and the label in the middle, dropping what does not fit', () => {
    expect(xAxisText(20, 0, 1023, 'sample')).toBe('0    sample     1023');
    expect(xAxisText(12, 0, 1023, 'time / ns')).toBe('0 time… 1023');
    expect(xAxisText(5, 0, 1023, 'sample')).toBe(' 1023');
    expect(xAxisText(3, 0, 1023, 'sample')).toBe('   ');
  });
});
