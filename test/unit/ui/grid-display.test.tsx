// The grid display kind in its tab: panels side by side and stacked to fit, paged when they do
// not; and the lines display's horizontal lines and the histogram's styles.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { DisplayContent, PanelDisplay } from '../../../src/display/index.js';
import { gridLayout } from '../../../src/ui/grid-layout.js';
import { displayFrame } from './display-frames.js';
import { drawDisplay } from './draw-display.js';
import { waitForText } from './frames.js';

const BRAILLE = /[\u2801-\u28ff]/;
const BARS = /[▁▂▃▄▅▆▇█]/;
const KEY = { down: '\u001B[B', up: '\u001B[A' };

const edges = Array.from({ length: 51 }, (_, i) => i * 2);
const peak = (at: number) =>
  Array.from({ length: 50 }, (_, i) => Math.round(100 * Math.exp(-(((i - at) / 6) ** 2))));

function channel(name: string, at: number): PanelDisplay {
  return {
    kind: 'histogram',
    title: `${name} heights`,
    xLabel: `${name} / mV`,
    edges,
    series: [{ name, counts: peak(at) }],
  };
}

const FOUR: DisplayContent = {
  kind: 'grid',
  title: 'Pulse heights',
  panels: [channel('chA', 10), channel('chB', 20), channel('chC', 30), channel('chD', 40)],
};

/** Each text row of `frame`, and where (row, column) a text starts. */
function find(frame: string, text: string): [number, number] {
  const rows = frame.split('\n');
  const row = rows.findIndex((line) => line.includes(text));
  return [row, row < 0 ? -1 : (rows[row] as string).indexOf(text)];
}

afterEach(() => {
  cleanup();
});

describe('a grid display', () => {
  it.each([
    [80, 17],
    [120, 33],
  ])(
    'shows four channels as 2 × 2 panels in %i × %i, each with its title, axes and legend',
    (width, height) => {
      const { frame } = drawDisplay(displayFrame('grid', FOUR), width, height);
      const lines = frame.split('\n');
      expect(lines[0]).toMatch(/^Pulse heights sink#0 · frame 1/);
      expect(lines.length).toBeLessThanOrEqual(height);
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(width);
      const [aRow, aColumn] = find(frame, 'chA heights');
      const [bRow, bColumn] = find(frame, 'chB heights');
      const [cRow, cColumn] = find(frame, 'chC heights');
      const [dRow, dColumn] = find(frame, 'chD heights');
      expect([aRow, aColumn]).toEqual([1, 0]);
      expect(bRow).toBe(aRow);
      expect(bColumn).toBe(Math.floor((width - 1) / 2) + 1);
      expect(cRow).toBeGreaterThan(aRow + 4);
      expect([dRow, cColumn, dColumn]).toEqual([cRow, 0, bColumn]);
      for (const name of ['chA', 'chB', 'chC', 'chD']) {
        expect(frame).toContain(`${name} / mV`);
        expect(frame).toMatch(new RegExp(`■ ${name} \\d`));
      }
      expect(frame).toMatch(BARS);
      expect(frame).not.toContain('panels 1');
    },
  );

  it('pages through panels that do not fit, with the arrows', async () => {
    const nine: DisplayContent = {
      kind: 'grid',
      panels: Array.from({ length: 9 }, (_, i) => channel(`c${i + 1}`, 5 * i)),
    };
    const view = drawDisplay(displayFrame('grid', nine), 80, 17);
    expect(view.frame).toContain('panels 1–4 of 9 (↑↓ PgUp PgDn Home End)');
    expect(view.frame).toContain('c1 heights');
    expect(view.frame).not.toContain('c5 heights');
    view.stdin.write(KEY.down);
    let frame = await waitForText(view.lastFrame, 'panels 3–6 of 9');
    expect(frame).toContain('c5 heights');
    expect(frame).not.toContain('c1 heights');
    view.stdin.write('G');
    frame = await waitForText(view.lastFrame, 'panels 7–9 of 9');
    expect(frame).toContain('c9 heights');
  });

  it('lays panels out by the room they get', () => {
    expect(gridLayout(1, 80, 17)).toMatchObject({ columns: 1, rows: 1, isPaged: false });
    expect(gridLayout(2, 80, 17)).toMatchObject({ columns: 2, rows: 1, panelWidth: 39, panelHeight: 17 });
    expect(gridLayout(2, 200, 40)).toMatchObject({ columns: 2, rows: 1 });
    expect(gridLayout(3, 120, 33)).toMatchObject({ columns: 2, rows: 2, isPaged: false });
    expect(gridLayout(16, 80, 17)).toMatchObject({ columns: 2, rows: 2, isPaged: true });
    expect(gridLayout(4, 20, 10)).toMatchObject({ columns: 1, rows: 1, isPaged: true });
  });
});

describe('chart options', () => {
  it('draws a horizontal line across the curves, named in the legend, inside the y range', () => {
    const { frame } = drawDisplay(
      displayFrame('scope', {
        kind: 'lines',
        xLabel: 'time / ns',
        yLabel: 'U / mV',
        series: [{ name: 'chA', y: Array.from({ length: 200 }, (_, i) => Math.sin(i / 10) * 10) }],
        horizontalLines: [{ y: 40, name: 'trigger' }],
      }),
      80,
      16,
    );
    expect(frame).toMatch(/■ chA +■ trigger/);
    expect(frame).toMatch(/^ *40┤⠉/m);
    expect(frame).toContain('U / mV');
  });

  it.each([
    ['bar', BARS, BRAILLE],
    ['step', BRAILLE, BARS],
    ['line', BRAILLE, BARS],
  ] as const)('draws a histogram in the %s style', (style, seen, unseen) => {
    const { frame } = drawDisplay(
      displayFrame('h', { kind: 'histogram', style, edges, series: [{ name: 'h', counts: peak(25) }] }),
      80,
      14,
    );
    expect(frame).toMatch(seen);
    expect(frame).not.toMatch(unseen);
  });
});
