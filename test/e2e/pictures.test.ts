// Every run ends with a picture of each display's last frame (displays/<worker>.<process>.<name>.svg),
// headless too; the numbers in the pictures are the data's: read back from the SVG text.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  E2E_FIXTURES,
  expectExit,
  expectNothingLeft,
  startRun,
  useCliRuns,
  waitForRunDir,
} from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';
import { barsOf, linesOf, panelsOf, textsOf, valueAtY, yTicksOf } from '../helpers/svg-chart.js';

useProcessCleanup();
useCliRuns();

/** What count_up's values 0..99 make in the bins 0-10-30-60-100 of pictures.ts. */
const COUNTS = [10, 20, 30, 40];

function readPicture(runDir: string, name: string): string {
  return readFileSync(join(runDir, 'displays', name), 'utf8');
}

/** The counts the bars stand for: their heights read on the y axis titled `yTitle`. */
function barCounts(svg: string, yTitle: string): number[] {
  const ticks = yTicksOf(svg, yTitle);
  return barsOf(svg).map(
    (bar) => Math.round((valueAtY(ticks, bar.top) - valueAtY(ticks, bar.top + bar.height)) * 1000) / 1000,
  );
}

describe('the pictures of a run', () => {
  it('are saved for every display when a headless run ends, with the data, axes, units and legend', async () => {
    const run = startRun(join(E2E_FIXTURES, 'pictures.yaml'));
    const runDir = await waitForRunDir(run);
    const { stderr } = await expectExit(run, 0);
    expect(stderr).not.toContain('picture');
    expect(existsSync(join(runDir, 'data_flow.svg'))).toBe(true);
    expect(readdirSync(join(runDir, 'displays')).sort()).toEqual([
      'draw.0.channels.svg',
      'draw.0.pulse%20heights.svg',
      'draw.0.rates.svg',
      'draw.0.scope.svg',
    ]);

    const heights = readPicture(runDir, 'draw.0.pulse%20heights.svg');
    expect(heights.startsWith('<svg')).toBe(true);
    expect(textsOf(heights, 'title-text').map((t) => t.text)).toEqual(['Pulse heights']);
    expect(textsOf(heights, 'axis-title').map((t) => t.text)).toEqual(['height / mV', 'events']);
    expect(textsOf(heights, 'legend-label').map((t) => t.text)).toEqual(['chA (100 entries)']);
    expect(barCounts(heights, 'events')).toEqual(COUNTS);
    // The bars stand on the bin edges: 0-10 is a tenth of 0-100 wide.
    const bars = barsOf(heights);
    expect(bars[1]!.width / bars[0]!.width).toBeCloseTo(2, 6);
    expect(textsOf(heights, 'axis-label').map((t) => t.text)).toEqual(
      expect.arrayContaining(['0', '20', '40', '60', '80', '100', '10', '30']),
    );

    const scope = readPicture(runDir, 'draw.0.scope.svg');
    expect(textsOf(scope, 'title-text').map((t) => t.text)).toEqual(['Last trace']);
    expect(textsOf(scope, 'axis-title').map((t) => t.text)).toEqual(['time / ns', 'U / mV']);
    expect(textsOf(scope, 'legend-label').map((t) => t.text)).toEqual(['chA', 'trigger']);
    const [trace] = linesOf(scope);
    const yTicks = yTicksOf(scope, 'U / mV');
    expect(trace?.points.map(([, y]) => Math.round(valueAtY(yTicks, y) * 100) / 100)).toEqual([
      0, 99, 49.5, 24.75, 0,
    ]);
    expect(scope).toMatch(/aria-roledescription="rule mark"[^>]*stroke-dasharray/);

    const rates = readPicture(runDir, 'draw.0.rates.svg');
    expect(textsOf(rates, 'title-text').map((t) => t.text)).toEqual(['Counts']);
    expect(textsOf(rates, 'mark').map((t) => t.text)).toEqual(['events: 100', 'last value: 99']);

    const channels = readPicture(runDir, 'draw.0.channels.svg');
    expect(
      textsOf(channels, 'title-text')
        .map((t) => t.text)
        .sort(),
    ).toEqual(['Channels', 'chA heights', 'chB heights']);
    const [chA, chB] = panelsOf(channels);
    expect(textsOf(chA!, 'axis-title').map((t) => t.text)).toEqual(['chA / mV', 'counts']);
    expect(barCounts(chA!, 'counts')).toEqual(COUNTS);
    expect(textsOf(chB!, 'legend-label').map((t) => t.text)).toEqual(['chB (1000 entries)']);
    expect(chB).toContain("Y-axis titled 'counts' for a log scale");
    // Decades on the log axis; the step outline of chB runs through 100, 200, 300, 400.
    expect(textsOf(chB!, 'axis-label').map((t) => t.text)).toEqual(expect.arrayContaining(['100']));
    expect(linesOf(chB!)[0]?.label).toContain('counts: 100');
    expectNothingLeft(run);
  });

  it('never fail the run: a picture that cannot be saved is reported, and the run ends normally', async () => {
    const run = startRun(join(E2E_FIXTURES, 'pictures-blocked.yaml'));
    const runDir = await waitForRunDir(run);
    const { stdout, stderr } = await expectExit(run, 0);
    for (const name of ['pulse heights', 'scope', 'rates', 'channels'])
      expect(stderr).toContain(`the picture of display '${name}' of worker 'draw' process 0 was not saved: `);
    expect(readFileSync(join(runDir, 'displays'), 'utf8')).toBe('not a directory');
    expect(stdout.join('\n')).toContain('draw');
    expect(existsSync(join(runDir, 'data_flow.svg'))).toBe(true);
    expectNothingLeft(run);
  });
});
