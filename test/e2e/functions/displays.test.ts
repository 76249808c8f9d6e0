// The displays of the prebuilt observers and visualizers through the real CLI: each run ends with
// a picture of each display's last frame (displays/<worker>.0.<worker>.svg), and the numbers in
// the pictures are the data's, read back from the SVG.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pulseWaveform } from '../../fixtures/functions/pulse-shapes.js';
import {
  expectExit,
  expectNothingLeft,
  REPO_ROOT,
  startRun,
  useCliRuns,
  waitForRunDir,
} from '../../helpers/cli.js';
import { useProcessCleanup } from '../../helpers/processes.js';
import { linesOf, textsOf, valueAtY, yTicksOf } from '../../helpers/svg-chart.js';

useProcessCleanup();
useCliRuns();

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'functions');

function readPicture(runDir: string, worker: string): string {
  return readFileSync(join(runDir, 'displays', `${worker}.0.${worker}.svg`), 'utf8');
}

describe('observers.oscilloscope', () => {
  it('ends as a picture of the last waveform, x and y scaled and labelled, with the trigger level', async () => {
    const run = startRun(join(FIXTURES, 'oscilloscope.yaml'));
    const runDir = await waitForRunDir(run);
    const { stderr } = await expectExit(run, 0);
    expect(stderr).toBe('');
    const svg = readPicture(runDir, 'scope');
    expect(textsOf(svg, 'title-text').map((t) => t.text)).toEqual(['Oscilloscope: waves']);
    expect(textsOf(svg, 'axis-title').map((t) => t.text)).toEqual(['µs', 'mV']);
    expect(textsOf(svg, 'legend-label').map((t) => t.text)).toEqual(['chA', 'chB', 'Trigger Level']);

    // The last of the 30 waveforms, scaled: 2 mV per count, -1 mV offset; ylim fixes the axis.
    const last = pulseWaveform(29);
    const ticks = yTicksOf(svg, 'mV');
    // The plotting area is 280 pixels high.
    expect(valueAtY(ticks, 0)).toBeCloseTo(500, 6);
    expect(valueAtY(ticks, 280)).toBeCloseTo(-500, 6);
    const [chA, chB] = linesOf(svg);
    const valuesOf = (points: [number, number][] | undefined) =>
      points?.map(([, y]) => Math.round(valueAtY(ticks, y) * 10) / 10);
    expect(valuesOf(chA?.points)).toEqual(last.map((v) => v * 2 - 1));
    expect(valuesOf(chB?.points)).toEqual(last.map((v) => -v * 2 - 1));
    // x runs from 10 µs in steps of 0.5 µs: sample 63 at 41.5 µs is at the right end.
    const xs = chA?.points.map(([x]) => x) ?? [];
    expect(xs[0]).toBe(0);
    expect((xs[2]! - xs[0]!) / (xs[63]! - xs[0]!)).toBeCloseTo(2 / 63, 5);
    expect(textsOf(svg, 'axis-label').map((t) => t.text)).toEqual(expect.arrayContaining(['10', '40']));

    // The trigger level, dashed, at 50 mV; the channels in the colours of the config.
    const rule =
      /aria-roledescription="rule mark" transform="translate\([\d.]+,([\d.]+)\)"[^>]*stroke-dasharray/.exec(
        svg,
      );
    expect(Math.round(valueAtY(ticks, Number(rule?.[1])) * 10) / 10).toBe(50);
    expect(svg).toMatch(/aria-roledescription="line mark" d="[^"]*" stroke="#ff0000"/);
    expect(svg).toMatch(/aria-roledescription="line mark" d="[^"]*" stroke="#ff7f0e"/);
    expectNothingLeft(run);
  });
});
