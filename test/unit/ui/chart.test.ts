import { describe, expect, it } from 'vitest';
import { BrailleCanvas } from '../../../src/ui/chart/braille-canvas.js';
import { plotChart, type PlotRow } from '../../../src/ui/chart/plot.js';
import { formatCount } from '../../../src/ui/format.js';

const text = (row: PlotRow) => row.runs.map((run) => run.text).join('');

describe('BrailleCanvas', () => {
  it('sets the dots of a cell and remembers which series drew it', () => {
    const canvas = new BrailleCanvas(2, 1);
    canvas.set(0, 0, 0); // top left dot of the first cell
    canvas.set(3, 3, 1); // bottom right dot of the second cell
    expect(canvas.row(0)).toEqual([
      { text: '\u2801', series: 0 },
      { text: '\u2880', series: 1 },
    ]);
  });

  it('draws lines without gaps and ignores dots outside', () => {
    const canvas = new BrailleCanvas(4, 1);
    canvas.line(0, 0, 7, 3, 0);
    canvas.set(-1, 0, 0);
    canvas.set(8, 0, 0);
    const row = canvas.row(0);
    expect(row).toHaveLength(1);
    expect(row[0]?.text).toHaveLength(4);
    expect(row[0]?.text).not.toContain(' ');
  });
});

describe('plotChart', () => {
  it('puts a log axis on decades and draws higher values higher', () => {
    const rows = plotChart(
      [
        {
          label: 'fast',
          points: [
            [-1, 10_000],
            [0, 10_000],
          ],
        },
        {
          label: 'slow',
          points: [
            [-1, 10],
            [0, 10],
          ],
        },
      ],
      { columns: 10, rows: 8, scale: 'log', windowS: 60, formatTick: formatCount },
    );
    expect(rows.map((row) => row.label).filter(Boolean)).toEqual(['10k', '1k', '100', '10']);
    const fastRow = rows.findIndex((row) => row.runs.some((run) => run.series === 0));
    const slowRow = rows.findIndex((row) => row.runs.some((run) => run.series === 1));
    expect(fastRow).toBe(0);
    expect(slowRow).toBe(rows.length - 1);
  });

  it('draws zero at the bottom of a log axis and the newest point at the right edge', () => {
    const rows = plotChart([{ label: 'paused', points: [[0, 0]] }], {
      columns: 10,
      rows: 4,
      scale: 'log',
      windowS: 60,
      formatTick: formatCount,
    });
    const bottom = rows.at(-1) as PlotRow;
    expect(text(bottom).trimEnd()).toHaveLength(10);
    expect(rows.slice(0, -1).every((row) => text(row).trim() === '')).toBe(true);
  });

  it('scales a linear axis to a round top of at least minTop', () => {
    const ticks = (values: number[]) =>
      plotChart(
        [{ label: 'cpu', points: values.map((v, i) => [i - values.length, v] as [number, number]) }],
        {
          columns: 10,
          rows: 6,
          scale: 'linear',
          windowS: 60,
          minTop: 100,
          formatTick: (v) => `${v}%`,
        },
      )
        .map((row) => row.label)
        .filter(Boolean);
    expect(ticks([10, 20])).toEqual(['100%', '50%', '0%']);
    expect(ticks([130])).toEqual(['200%', '100%', '0%']);
  });

  it('returns nothing for a chart without room', () => {
    expect(plotChart([], { columns: 0, rows: 5, scale: 'log', windowS: 60, formatTick: String })).toEqual([]);
  });
});
