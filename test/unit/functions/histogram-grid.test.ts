import { describe, expect, it } from 'vitest';
import { checkDisplayContent, MAX_DISPLAY_NUMBERS, MAX_GRID_PANELS } from '../../../src/display/index.js';
import { histogramGrid, mergeBins, mergeFactor } from '../../../src/functions/visualizers/histogram-grid.js';

const edges = (n: number) => Array.from({ length: n + 1 }, (_, i) => i);

describe('histogramGrid', () => {
  it('makes a panel per channel with its title, axes and style', () => {
    const grid = histogramGrid(
      'Histograms of pulses',
      [{ name: 'h', edges: [0, 1, 2], counts: [3, 4] }],
      'line',
    );
    expect(grid).toEqual({
      kind: 'grid',
      title: 'Histograms of pulses',
      panels: [
        {
          kind: 'histogram',
          title: 'h',
          xLabel: 'Value',
          yLabel: 'Count',
          style: 'line',
          edges: [0, 1, 2],
          series: [{ name: 'h', counts: [3, 4] }],
        },
      ],
    });
  });

  it('merges neighbouring bins when they hold more numbers than a display, keeping every entry', () => {
    // Two channels of 4096 bins fit (16 387 numbers); sixteen do not (131 088): every 3 merged.
    const channel = (name: string) => ({ name, edges: edges(4096), counts: new Array<number>(4096).fill(1) });
    expect(mergeFactor([4096, 4096])).toBe(1);
    const many = Array.from({ length: MAX_GRID_PANELS }, (_, i) => channel(`c${i}`));
    expect(mergeFactor(many.map((c) => c.counts.length))).toBe(3);
    const grid = histogramGrid('all', many, 'step');
    expect(grid.title).toBe('all (every 3 bins merged)');
    expect(checkDisplayContent(grid)).toEqual([]);
    const panel = grid.panels[0];
    expect(panel?.kind === 'histogram' && panel.series[0]?.counts.length).toBe(1366);
    expect(panel?.kind === 'histogram' && panel.series[0]?.counts.reduce((a, b) => a + b, 0)).toBe(4096);
    expect(panel?.kind === 'histogram' && panel.edges.at(-1)).toBe(4096);
  });

  it('shows the first 16 channels of more', () => {
    const channels = Array.from({ length: 20 }, (_, i) => ({ name: `c${i}`, edges: [0, 1], counts: [i] }));
    expect(histogramGrid('t', channels, 'bar').panels.map((p) => p.title)).toEqual(
      channels.slice(0, MAX_GRID_PANELS).map((c) => c.name),
    );
  });
});

describe('mergeBins', () => {
  it('sums every `factor` bins, the last one holding the rest', () => {
    expect(mergeBins({ name: 'x', edges: edges(5), counts: [1, 2, 3, 4, 5] }, 2)).toEqual({
      edges: [0, 2, 4, 5],
      counts: [3, 7, 5],
    });
  });

  it('fits what it merges into a display', () => {
    const factor = mergeFactor([100_000]);
    expect(2 * Math.ceil(100_000 / factor) + 1).toBeLessThanOrEqual(MAX_DISPLAY_NUMBERS);
    expect(2 * Math.ceil(100_000 / (factor - 1)) + 1).toBeGreaterThan(MAX_DISPLAY_NUMBERS);
  });
});
