import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DisplayContent, PanelDisplay } from '../../../src/display/index.js';
import { App } from '../../../src/ui/components/App.js';
import { displayFrame, sineWithSpike } from './display-frames.js';
import { drawDisplay } from './draw-display.js';
import { FakeControl } from './fake-control.js';
import { waitForFrame, waitForText } from './frames.js';
import { processSnapshot, runSnapshot } from './snapshots.js';

const BRAILLE = /[\u2801-\u28ff]/;
const KEY = { up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', left: '\u001B[D' };

const SCOPE: DisplayContent = {
  kind: 'lines',
  title: 'Oscilloscope',
  xLabel: 'time / µs',
  yLabel: 'mV',
  series: [
    { name: 'ch1', y: sineWithSpike(4000, 1234) },
    { name: 'ch2', y: sineWithSpike(4000, 10).map((v) => v * 0.3 - 1) },
  ],
};

const ENERGY: DisplayContent = {
  kind: 'histogram',
  xLabel: 'energy / keV',
  edges: Array.from({ length: 41 }, (_, i) => i * 5),
  series: [{ name: 'all', counts: Array.from({ length: 40 }, (_, i) => (i === 20 ? 800 : 10 * i)) }],
};

const INFO: DisplayContent = {
  kind: 'text',
  title: 'Rates',
  lines: Array.from({ length: 40 }, (_, i) => `row ${i}: ${'='.repeat(i * 3)}`),
};

/** The whole TUI with its first snapshot shown; `columns` narrows the fake terminal. */
async function startApp(columns?: number) {
  const control = new FakeControl(['raw'], ['source', 'filter', 'sink']);
  const view = render(<App control={control} />);
  if (columns !== undefined) {
    Object.defineProperty(view.stdout, 'columns', { get: () => columns });
    view.stdout.emit('resize');
  }
  control.pushSnapshot(runSnapshot(1_010));
  await waitForText(view.lastFrame, '123,456');
  return { control, ...view };
}

afterEach(() => {
  cleanup();
});

describe('display tabs in the App', () => {
  it('appear after the built-in tabs with the first frame; number keys and arrows reach them', async () => {
    const view = await startApp();
    expect(view.lastFrame()).toContain('1-5 ←→ tabs');
    view.control.displays.update([displayFrame('scope', SCOPE)]);
    let frame = await waitForText(view.lastFrame, '6 scope');
    expect(frame).toContain('1-6 ←→ tabs');
    view.stdin.write('6');
    frame = await waitForText(view.lastFrame, 'Oscilloscope sink#0');
    view.control.displays.update([displayFrame('energy', ENERGY)]);
    frame = await waitForText(view.lastFrame, '7 energy');
    // The scope stays shown when another display comes.
    expect(frame).toContain('Oscilloscope sink#0');
    view.stdin.write(KEY.right);
    await waitForText(view.lastFrame, 'energy / keV');
    view.stdin.write(KEY.right);
    await waitForText(view.lastFrame, '■ raw'); // wraps around to Rates
    view.stdin.write(KEY.left);
    await waitForText(view.lastFrame, 'energy / keV');
  });

  it('watches the displays while one is shown and stops when another tab is', async () => {
    const view = await startApp();
    view.control.displays.update([displayFrame('scope', SCOPE)]);
    await waitForText(view.lastFrame, '6 scope');
    expect(view.control.displays.isWatched).toBe(false);
    view.stdin.write('6');
    await waitForText(view.lastFrame, 'Oscilloscope');
    // Effects run just after the frame is written.
    await vi.waitFor(() => expect(view.control.displays.isWatched).toBe(true), { timeout: 3000 });
    view.stdin.write('1');
    await waitForText(view.lastFrame, '■ raw');
    await vi.waitFor(() => expect(view.control.displays.isWatched).toBe(false), { timeout: 3000 });
  });

  it('redraws when a new frame comes', async () => {
    const view = await startApp();
    view.control.displays.update([displayFrame('info', { kind: 'text', lines: ['old reading'] })]);
    await waitForText(view.lastFrame, '6 info');
    view.stdin.write('6');
    await waitForText(view.lastFrame, 'frame 1');
    view.control.displays.update([
      displayFrame('info', { kind: 'text', lines: ['new reading'] }, { sequence: 2 }),
    ]);
    const frame = await waitForText(view.lastFrame, 'frame 2');
    expect(frame).toContain('new reading');
    expect(frame).not.toContain('old reading');
  });

  it('scrolls a text display with the arrows and lists its keys', async () => {
    const view = await startApp();
    view.control.displays.update([displayFrame('info', INFO)]);
    await waitForText(view.lastFrame, '6 info');
    view.stdin.write('6');
    let frame = await waitForText(view.lastFrame, 'row 0:');
    expect(frame).toContain('↑↓ PgUp PgDn scroll');
    expect(frame).not.toContain('row 39');
    const shown = /lines 1–(\d+) of 40/.exec(frame);
    expect(shown).not.toBeNull();
    view.stdin.write(KEY.down);
    view.stdin.write(KEY.down);
    frame = await waitForText(view.lastFrame, `lines 3–${Number(shown?.[1]) + 2} of 40`);
    expect(frame).not.toContain('row 1:');
    expect(frame).toContain('row 2:');
    view.stdin.write(KEY.up);
    await waitForText(view.lastFrame, 'row 1:');
  });

  it('fits 80 × 24 with every kind of display', async () => {
    const view = await startApp(80);
    view.control.displays.update([
      displayFrame('scope', SCOPE),
      displayFrame('energy', ENERGY),
      displayFrame('info', INFO),
      displayFrame('scope', { ...SCOPE, title: 'Second scope' }, { worker: 'filter' }),
    ]);
    await waitForText(view.lastFrame, '1-9 ←→ tabs');
    for (const [key, text] of [
      ['6', 'Oscilloscope'],
      ['7', 'energy / keV'],
      ['8', 'row 0:'],
      ['9', 'Second scope'],
    ] as const) {
      view.stdin.write(key);
      const frame = await waitForText(view.lastFrame, text);
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(24);
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
      expect(frame).toContain('q quit');
    }
  });
});

describe('a grid display in the App', () => {
  it('shows four panels 2 × 2 within 80 × 24, with its keys in the help row', async () => {
    const view = await startApp(80);
    const panel = (name: string): PanelDisplay => ({
      kind: 'histogram',
      title: `${name} energy`,
      xLabel: 'energy / keV',
      edges: Array.from({ length: 41 }, (_, i) => i * 5),
      series: [{ name, counts: Array.from({ length: 40 }, (_, i) => i) }],
    });
    view.control.displays.update([
      displayFrame('channels', {
        kind: 'grid',
        title: 'Channels',
        panels: ['chA', 'chB', 'chC', 'chD'].map(panel),
      }),
    ]);
    await waitForText(view.lastFrame, '6 channels');
    view.stdin.write('6');
    const frame = await waitForText(view.lastFrame, 'chD energy');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(lines.find((line) => line.includes('chA energy'))).toMatch(/^chA energy +chB energy/);
    expect(lines.find((line) => line.includes('chC energy'))).toMatch(/^chC energy +chD energy/);
    expect(frame).toContain('more panels, when not all fit');
    expect(frame).toContain('q quit');
  });
});

describe('DisplayTab', () => {
  it('draws lines: title, process, frame, age, both axes, the legend and the spike', () => {
    const { frame } = drawDisplay(displayFrame('scope', SCOPE, { sequence: 12 }));
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(/^Oscilloscope sink#0 · frame 12 · \d\.\d s ago/);
    expect(lines[1]).toBe('mV');
    expect(frame).toMatch(/^ *6┤/m);
    expect(frame).toMatch(/^ *0┤/m);
    expect(frame).toMatch(/└0 +time \/ µs +3999$/m);
    expect(frame).toMatch(/■ ch1 +■ ch2/);
    expect(frame).toMatch(BRAILLE);
    // The one-sample spike to 5 reaches the rows above 4 (of ~100 columns for 4000 samples).
    const spikeRow = lines.findIndex((line) => /^ *4┤/.test(line)) - 1;
    expect(lines[spikeRow]).toMatch(BRAILLE);
  });

  it('draws lines on a log axis over the given x values', () => {
    const { frame } = drawDisplay(
      displayFrame('decay', {
        kind: 'lines',
        logY: true,
        x: Array.from({ length: 50 }, (_, i) => i * 0.01),
        series: [{ name: 'decay', y: Array.from({ length: 50 }, (_, i) => 1e4 * Math.exp(-i / 5)) }],
      }),
    );
    for (const tick of ['10k┤', '1000┤', '100┤', '10┤', '1┤']) expect(frame).toContain(tick);
    expect(frame).toMatch(/└0 +0\.49$/m);
    expect(frame).toContain('■ decay');
  });

  it('draws one histogram series as bars of eighth blocks with the edges and the label', () => {
    const { frame } = drawDisplay(displayFrame('energy', ENERGY));
    expect(frame).toMatch(/^energy sink#0 · frame 1/);
    expect(frame).toMatch(/█/);
    expect(frame).toMatch(/[▁▂▃▄▅▆▇]/);
    expect(frame).toMatch(/^ *800┤/m);
    expect(frame).toMatch(/^ *0┤/m);
    expect(frame).toMatch(/└0 +energy \/ keV +200/);
    expect(frame).toContain('■ all 8.4k entries');
  });

  it('merges bins into columns when there are more bins than columns, and says so', () => {
    const counts = Array.from({ length: 1000 }, (_, i) => (i % 100) + 1);
    const { frame } = drawDisplay(
      displayFrame('wide', {
        kind: 'histogram',
        edges: Array.from({ length: 1001 }, (_, i) => i),
        series: [{ name: 'n', counts }],
      }),
      80,
      15,
    );
    expect(frame).toMatch(/└0 +\d+ bins a column +1000/);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('draws several histogram series as step lines with a legend, on a log axis', () => {
    const { frame } = drawDisplay(
      displayFrame('compare', {
        kind: 'histogram',
        logY: true,
        edges: [0, 1, 2, 3, 4, 5],
        series: [
          { name: 'before', counts: [1, 10, 100, 1000, 0] },
          { name: 'after', counts: [5, 50, 500, 50, 5] },
        ],
      }),
    );
    expect(frame).toMatch(BRAILLE);
    expect(frame).not.toMatch(/[▁▂▃▄▅▆▇█]/);
    expect(frame).toMatch(/■ before 1\.11k entries +■ after 610 entries/);
    expect(frame).toContain('1000┤');
    expect(frame).toMatch(/└0 +5$/m);
  });

  it('shows text cut to the width', () => {
    const { frame } = drawDisplay(displayFrame('info', INFO), 40, 12);
    expect(frame).toMatch(/^Rates sink#0 · frame 1/);
    expect(frame).toMatch(/^row 0:$/m);
    expect(frame).toContain('row 9: ===');
    expect(frame).not.toContain('row 10:');
    expect(frame).toContain('lines 1–10 of 40');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('says when the frame is the last one of an exited process', () => {
    const exited = runSnapshot(1_010, {
      processes: [processSnapshot('sink', 0, { state: 'exited', exitCode: 0 })],
    });
    const { frame } = drawDisplay(displayFrame('info', INFO), 100, 12, exited);
    expect(frame.split('\n')[0]).toContain('process exited: this is its last frame');
  });

  it('keeps the title and says "exited" more briefly when the header does not fit 80 columns', () => {
    const exited = runSnapshot(1_010, {
      processes: [processSnapshot('print_pulse_heights', 0, { state: 'exited', exitCode: 0 })],
    });
    const shown = displayFrame(
      'pulse heights',
      { ...INFO, title: 'pulse heights' },
      { worker: 'print_pulse_heights', sequence: 12 },
    );
    const header = drawDisplay(shown, 80, 12, exited).frame.split('\n')[0] ?? '';
    expect(header).toMatch(
      /^pulse heights print_pulse_heights#0 · frame 12 · \d\.\d s ago · exited: last frame$/,
    );
  });

  it('says how long ago the frame was published', async () => {
    const view = drawDisplay(displayFrame('info', INFO, { publishedAtS: Date.now() / 1000 - 125 }));
    await waitForFrame(view.lastFrame, (frame) => frame.includes('frame 1 · 2:05 ago'), 'the age');
  });
});
