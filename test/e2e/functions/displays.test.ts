// The displays of the prebuilt observers and visualizers through the real CLI: each run ends with
// a picture of each display's last frame (displays/<worker>.0.<worker>.svg), and the numbers in
// the pictures are the data's, read back from the SVG.
import { readdirSync, readFileSync } from 'node:fs';
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
import { barsOf, linesOf, panelsOf, textsOf, valueAtY, yTicksOf } from '../../helpers/svg-chart.js';

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

/** numpy.histogram's counts: each bin holds its lower edge, the last one its upper edge too. */
function numpyCounts(values: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const value of values) {
    const bin = edges.findIndex((edge, k) => value >= edge && value < (edges[k + 1] ?? -Infinity));
    if (bin >= 0) counts[bin]! += 1;
    else if (value === edges.at(-1)) counts[counts.length - 1]! += 1;
  }
  return counts;
}

/** make_events' values of its 1000 events (test/fixtures/functions/workers.ts), by field. */
const EVENTS = Array.from({ length: 1000 }, (_, i) => i);
const VALUES = {
  height: EVENTS.map((i) => Math.fround(i * 0.01)),
  channel: EVENTS,
  flag: EVENTS.map((i) => i % 2),
};
/** The bins of visualizers.yaml. */
const EDGES = { height: [0, 2, 4, 6, 8], channel: [0, 400, 800, 1200], flag: [0, 0.5, 1] };

/** What a panel's bars stand for, read on its y axis. */
function barCounts(panel: string): number[] {
  const ticks = yTicksOf(panel, 'Count');
  return barsOf(panel).map((bar) =>
    Math.round(valueAtY(ticks, bar.top) - valueAtY(ticks, bar.top + bar.height)),
  );
}

/** What a panel's step outline stands for: the height of every other point (each bin's left end). */
function stepCounts(panel: string): number[] {
  const ticks = yTicksOf(panel, 'Count');
  const points = linesOf(panel)[0]?.points ?? [];
  return points
    .filter((_, i) => i % 2 === 0 && i < points.length - 1)
    .map(([, y]) => Math.round(valueAtY(ticks, y)));
}

describe('visualizers.histogram and visualizers.csv', () => {
  it("end as pictures of the exporters' files with every event, a panel per channel", async () => {
    const run = startRun(join(FIXTURES, 'visualizers.yaml'));
    const runDir = await waitForRunDir(run);
    const { stderr } = await expectExit(run, 0);
    expect(stderr).toBe('');

    // visualizers.histogram: bars of Histograms_pulses/, in the exporter's order.
    const histogram = readPicture(runDir, 'show_histogram');
    expect(
      textsOf(histogram, 'title-text')
        .map((t) => t.text)
        .sort(),
    ).toEqual(['Histograms of pulses', 'channel', 'height']);
    const [height, channel, ...more] = panelsOf(histogram);
    expect(more).toEqual([]);
    expect(textsOf(height!, 'axis-title').map((t) => t.text)).toEqual(['Value', 'Count']);
    // 800 of the 1000 heights are in 0..8 (the last bin holds 8 itself).
    expect(textsOf(height!, 'legend-label').map((t) => t.text)).toEqual(['height (801 entries)']);
    expect(barCounts(height!)).toEqual(numpyCounts(VALUES.height, EDGES.height));
    expect(barCounts(channel!)).toEqual([400, 400, 200]);

    // visualizers.csv: step outlines of events.csv's columns, flag (b1) counted as 0 and 1.
    const csv = readPicture(runDir, 'show_csv');
    expect(
      textsOf(csv, 'title-text')
        .map((t) => t.text)
        .sort(),
    ).toEqual(['Histograms of events.csv', 'channel', 'flag', 'height']);
    const panels = panelsOf(csv);
    expect(panels.map(stepCounts)).toEqual([
      numpyCounts(VALUES.height, EDGES.height),
      numpyCounts(VALUES.channel, EDGES.channel),
      [500, 500],
    ]);
    expectNothingLeft(run);
  });
});

describe("the original's muon example", () => {
  it('runs with one display per oscilloscope and visualizer: four tabs after the five built-in ones', async () => {
    const run = startRun(join(FIXTURES, 'muon-like', 'setup.yaml'));
    const runDir = await waitForRunDir(run);
    const { stderr } = await expectExit(run, 0);
    // The shared config files (bins, plot_type) raise no warning in any of the workers.
    expect(stderr).toBe('');
    expect(readdirSync(join(runDir, 'displays')).sort()).toEqual([
      'accepted_ocilloscope.0.accepted_ocilloscope.svg',
      'oscilloscope.0.oscilloscope.svg',
      'showHistDown.0.showHistDown.svg',
      'showHistUp.0.showHistUp.svg',
    ]);
    const up = readPicture(runDir, 'showHistUp');
    expect(panelsOf(up).map((panel) => textsOf(panel, 'legend-label').map((t) => t.text))).toEqual(
      ['decay_time', '1st_chA_h', '1st_chB_h', '2nd_chA_h', '2nd_chB_h'].map((name) => [
        `${name} (300 entries)`,
      ]),
    );
    expectNothingLeft(run);
  });
});
