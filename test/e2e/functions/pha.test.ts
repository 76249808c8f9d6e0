// analyzers.pha through the real CLI on waveforms whose pulses are known (pulse-shapes.ts): exact
// positions, heights, prominences and bases; the first peak of each waveform by default, every
// peak with all_peaks; a waveform without a peak gives no event. A sink field whose property the
// config does not compute stops the run before it starts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { peaksAbove50, type KnownPeak } from '../../fixtures/functions/pulse-shapes.js';
import {
  expectExit,
  expectNothingLeft,
  REPO_ROOT,
  startCli,
  startRun,
  targetDirEntries,
  useCliRuns,
  waitForRunDir,
} from '../../helpers/cli.js';
import { useProcessCleanup } from '../../helpers/processes.js';
import { bufferOf, parseSummary } from '../run-output.js';

useProcessCleanup();
useCliRuns();

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'functions');
const WAVEFORMS = 400;

interface Recorded {
  readonly counters: number[];
  readonly fields: Record<string, number[]>;
}

function readEvents(runDir: string, worker: string): Recorded {
  return JSON.parse(readFileSync(join(runDir, `events.${worker}.json`), 'utf8')) as Recorded;
}

/** One row per event: the counter, then the named fields, sorted (several processes may reorder). */
function rows(recorded: Recorded, fields: readonly string[]): number[][] {
  return recorded.counters
    .map((counter, k) => [counter, ...fields.map((name) => recorded.fields[name]?.[k] as number)])
    .sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
}

/** The expected rows: for each waveform, `pick` of its known peaks, as `columns` of each. */
function expectedRows(
  pick: (peaks: KnownPeak[]) => KnownPeak[],
  columns: (peak: KnownPeak) => number[],
): number[][] {
  return Array.from({ length: WAVEFORMS }, (_, i) =>
    pick(peaksAbove50(i)).map((p) => [i, ...columns(p)]),
  ).flat();
}

describe('analyzers.pha', () => {
  it('finds the known pulses: first peak by default, every peak with all_peaks, none in a waveform without', async () => {
    const run = startRun(join(FIXTURES, 'pha.yaml'));
    const runDir = await waitForRunDir(run);
    const { stdout } = await expectExit(run, 0);

    // The first peak of each waveform with a peak above 50: one event per pulse (the noisy top
    // of every fourth waveform has two maxima: the first is taken), none for the waveforms whose
    // only bump is 30 high.
    const first = readEvents(runDir, 'record_first');
    expect(first.counters).toEqual(Array.from({ length: WAVEFORMS }, (_, i) => i).filter((i) => i % 4 !== 2));
    expect(rows(first, ['position', 'peak_heights', 'prominences'])).toEqual(
      expectedRows(
        (peaks) => peaks.slice(0, 1),
        (p) => [p.position, p.height, p.prominence],
      ),
    );

    // Every peak, from channel ch2 (i2), read by two processes; position is an i8 field.
    const every = readEvents(runDir, 'record_every');
    expect(rows(every, ['position', 'peak_heights'])).toEqual(
      expectedRows(
        (peaks) => peaks,
        (p) => [p.position, p.height],
      ),
    );
    expect(every.counters).toHaveLength(500);

    // prominence 20 drops the first maximum of a noisy top (it stands 4 above the dip).
    const prominent = readEvents(runDir, 'record_prominent');
    expect(rows(prominent, ['position', 'left_bases', 'right_bases'])).toEqual(
      expectedRows(
        (peaks) => peaks.filter((p) => p.prominence >= 20),
        (p) => [p.position, p.leftBase, p.rightBase],
      ),
    );

    const summary = parseSummary(stdout);
    expect(bufferOf(summary, 'first').events).toBe(300);
    expect(bufferOf(summary, 'every').events).toBe(500);
    expect(bufferOf(summary, 'prominent').events).toBe(400);
    expectNothingLeft(run);
  });

  it('refuses a sink field whose property the config does not compute: exit 2 before anything starts', async () => {
    const setup = join(FIXTURES, 'pha-unconfigured.yaml');
    const run = startRun(setup);
    const { stdout, stderr } = await expectExit(run, 2);
    expect(stderr).toBe(
      `setup ${setup} has 2 problems:\n` +
        `  ${setup}:20:13: Workers.pha.sinks[0]: expected sink fields whose property the config computes, got 'peak_heights' in 'pulses', which needs height in the config (height: [null, null] computes it for every peak)\n` +
        `  ${setup}:20:13: Workers.pha.sinks[0]: expected sink fields whose property the config computes, got 'widths' in 'pulses', which needs width in the config (width: [null, null] computes it for every peak)\n`,
    );
    expect(stdout.join('\n')).toBe('');
    expect(targetDirEntries(run)).toEqual([]);
    const validate = startCli(['validate', setup]);
    expect((await expectExit(validate, 2)).stderr).toContain("got 'widths' in 'pulses', which needs width");
    expectNothingLeft(run);
  });
});
