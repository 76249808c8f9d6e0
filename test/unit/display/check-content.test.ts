import { describe, expect, it } from 'vitest';
import { checkDisplayContent, MAX_DISPLAY_NUMBERS } from '../../../src/display/index.js';

describe('checkDisplayContent', () => {
  it('accepts curves, histograms and text, typed arrays included', () => {
    expect(
      checkDisplayContent({
        kind: 'lines',
        title: 'scope',
        x: [0, 1, 2],
        series: [{ name: 'ch1', y: new Float64Array([1, 2, 3]) }],
        yRange: [0, 4],
      }),
    ).toEqual([]);
    expect(
      checkDisplayContent({ kind: 'histogram', edges: [0, 1, 2], series: [{ name: 'h', counts: [3, 4] }] }),
    ).toEqual([]);
    expect(checkDisplayContent({ kind: 'text', lines: ['a', 'b'] })).toEqual([]);
  });

  it('names the key, what was expected and what it got', () => {
    expect(checkDisplayContent(null)).toEqual(['expected an object {kind, ...}, got null']);
    expect(checkDisplayContent({ kind: 'pie' })).toEqual([
      `kind: expected 'lines', 'histogram', 'text' or 'grid', got "pie"`,
    ]);
    expect(checkDisplayContent({ kind: 'lines', series: [] })).toEqual([
      'series: expected an array of 1 to 8 series, got an array of 0',
    ]);
    expect(
      checkDisplayContent({ kind: 'lines', x: [0, 1], series: [{ name: 'a', y: [1, Number.NaN, 2] }] }),
    ).toEqual(['series[0].y[1]: expected a finite number, got NaN', 'series[0].y: has 3 values but x has 2']);
    expect(
      checkDisplayContent({ kind: 'histogram', edges: [0, 2, 1], series: [{ name: 'h', counts: [1] }] }),
    ).toEqual([
      'edges: expected increasing values, but edges[2] is 1',
      'series[0].counts: has 1 values but edges make 2 bins',
    ]);
    expect(checkDisplayContent({ kind: 'text', lines: ['a', 3], title: 7 })).toEqual([
      'title: expected a string, got number',
      'lines: expected an array of strings, got an array of 2',
    ]);
    expect(checkDisplayContent({ kind: 'lines', series: [{ name: 'a', y: [1] }], yRange: [2, 1] })).toEqual([
      'yRange: expected [min, max] with min < max, got [2,1]',
    ]);
  });

  it('accepts a grid of lines and histograms, horizontal lines and histogram styles', () => {
    expect(
      checkDisplayContent({
        kind: 'grid',
        title: 'channels',
        panels: [
          {
            kind: 'lines',
            title: 'chA',
            xLabel: 'time / ns',
            yLabel: 'U / mV',
            series: [{ name: 'chA', y: [1, 2] }],
            horizontalLines: [{ y: 1.5, name: 'trigger' }],
          },
          {
            kind: 'histogram',
            yLabel: 'events',
            style: 'step',
            edges: [0, 1],
            series: [{ name: 'h', counts: [3] }],
          },
        ],
      }),
    ).toEqual([]);
  });

  it('names the panel and the key of a bad grid, line or style', () => {
    expect(checkDisplayContent({ kind: 'grid', panels: [] })).toEqual([
      'panels: expected an array of 1 to 16 panels, got an array of 0',
    ]);
    expect(
      checkDisplayContent({
        kind: 'grid',
        panels: [
          { kind: 'text', lines: [] },
          { kind: 'histogram', edges: [0, 1, 2], series: [{ name: 'h', counts: [1] }], style: 'pie' },
          7,
          {
            kind: 'lines',
            series: [{ name: 'a', y: [1] }],
            horizontalLines: [{ y: Number.NaN }],
            logY: 'yes',
          },
        ],
      }),
    ).toEqual([
      `panels[0].kind: expected 'lines' or 'histogram', got "text"`,
      'panels[1].series[0].counts: has 1 values but edges make 2 bins',
      `panels[1].style: expected 'bar', 'step' or 'line', got "pie"`,
      'panels[2]: expected an object {kind, ...}, got number',
      'panels[3].logY: expected true or false, got string',
      'panels[3].horizontalLines[0].y: expected a finite number, got NaN',
      'panels[3].horizontalLines[0].name: expected a string',
    ]);
    expect(
      checkDisplayContent({
        kind: 'lines',
        series: [{ name: 'a', y: [1] }],
        horizontalLines: Array(5).fill({ y: 0, name: 'l' }),
      }),
    ).toEqual(['horizontalLines: expected an array of at most 4 {y, name}, got an array of 5']);
    expect(
      checkDisplayContent({
        kind: 'grid',
        panels: Array(17).fill({ kind: 'lines', series: [{ name: 'a', y: [1] }] }),
      }),
    ).toEqual(['panels: expected an array of 1 to 16 panels, got an array of 17']);
  });

  it("takes a curve's own colour as #rrggbb only", () => {
    const lines = (color: unknown) => ({ kind: 'lines', series: [{ name: 'a', y: [1, 2], color }] });
    expect(checkDisplayContent(lines('#1f77B4'))).toEqual([]);
    expect(checkDisplayContent(lines('red'))).toEqual([
      'series[0].color: expected a colour as #rrggbb, got "red"',
    ]);
    expect(checkDisplayContent(lines(255))).toEqual([
      'series[0].color: expected a colour as #rrggbb, got number',
    ]);
  });

  it('counts the numbers of all panels of a grid together', () => {
    const y = new Float64Array(MAX_DISPLAY_NUMBERS / 2 + 1);
    const panel = { kind: 'lines', series: [{ name: 'a', y }] };
    expect(checkDisplayContent({ kind: 'grid', panels: [panel, panel] })).toEqual([
      `${MAX_DISPLAY_NUMBERS + 2} numbers in one display, at most ${MAX_DISPLAY_NUMBERS}: downsample the data`,
    ]);
  });

  it('refuses more numbers than a terminal can show, asking to downsample', () => {
    const y = new Float64Array(MAX_DISPLAY_NUMBERS + 1);
    expect(checkDisplayContent({ kind: 'lines', series: [{ name: 'a', y }] })).toEqual([
      `${MAX_DISPLAY_NUMBERS + 1} numbers in one display, at most ${MAX_DISPLAY_NUMBERS}: downsample the data`,
    ]);
  });
});
