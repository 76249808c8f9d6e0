// data.export, data.simulate_importer and data.clocked_importer through the CLI: what is recorded
// reads back exactly with numpy, record -> replay gives the same events, replays keep the recorded
// or the clocked timing, end when the file ends, and stop while they wait.
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectExit,
  expectNothingLeft,
  readLog,
  startRun,
  useCliRuns,
  waitForRunDir,
} from '../../helpers/cli.js';
import { useProcessCleanup, waitFor } from '../../helpers/processes.js';
import { PYTHON, PYTHON_TITLE } from '../../helpers/python.js';
import { bufferOf, parseSummary } from '../run-output.js';
import {
  gaps,
  PATTERN_BUFFER,
  PATTERN_WORKERS,
  pidOf,
  readPattern,
  scratchDir,
  timestampsOf,
  useScratchDirs,
  writePatternRecording,
  writeSetup,
} from './mimo-runs.js';

useProcessCleanup();
useCliRuns();
useScratchDirs();

const range = (n: number): number[] => Array.from({ length: n }, (_, k) => k);

/** pattern_source -> raw -> data.export (passing on to `copy`) -> data.export of copy. */
function recordingSetup(dir: string, events: number | null): string {
  return writeSetup(dir, {
    Buffers: { raw: PATTERN_BUFFER, copy: PATTERN_BUFFER },
    Workers: {
      source: {
        file: PATTERN_WORKERS,
        function: 'pattern_source',
        sinks: ['raw'],
        config: events === null ? {} : { n_events: events },
      },
      save: { function: 'data.export', sources: ['raw'], sinks: ['copy'] },
      save_copy: { function: 'data.export', sources: ['copy'] },
    },
  });
}

/** A replay of `file` into raw, recorded again by data.export. */
function replaySetup(dir: string, replay: Record<string, unknown>, name = 'replay.yaml'): string {
  return writeSetup(
    dir,
    {
      Buffers: { raw: PATTERN_BUFFER },
      Workers: {
        replay: { sinks: ['raw'], ...replay },
        save: { function: 'data.export', sources: ['raw'] },
      },
    },
    name,
  );
}

async function record(dir: string, events: number): Promise<string> {
  const run = startRun(recordingSetup(dir, events));
  const runDir = await waitForRunDir(run);
  await expectExit(run, 0);
  expectNothingLeft(run);
  return runDir;
}

describe.skipIf(PYTHON === undefined)(`.mimo record and replay (${PYTHON_TITLE})`, () => {
  it('data.export records every event exactly, readable with numpy, and passes each on', async () => {
    const dir = scratchDir();
    const run = startRun(recordingSetup(dir, 3000));
    const runDir = await waitForRunDir(run);
    const { stdout } = await expectExit(run, 0);
    const summary = parseSummary(stdout);
    expect(bufferOf(summary, 'copy').events).toBe(3000);
    for (const name of ['raw', 'copy']) {
      const report = await readPattern(join(runDir, `${name}.mimo`));
      expect(report.counters, `${name}.mimo: every event once, in order`).toEqual(range(3000));
      expect(report.bad, `${name}.mimo: events whose data is not their pattern`).toEqual([]);
      expect(report.header).toMatchObject({
        format: 'mimocorb2-mimo',
        version: 1,
        buffer: name,
        setup_name: 'setup',
        setup_file: join(dir, 'setup.yaml'),
        data_length: 6,
        data_dtype: { wave: '<f4', index: '<i8', flag: '|b1' },
      });
    }
    expect(readLog(runDir, 'save')).toContain(`recorded 3000 events (0.4 MB) in ${join(runDir, 'raw.mimo')}`);
    expectNothingLeft(run);
  });

  it('record -> replay with keep_metadata: the same events, metadata included', async () => {
    const dir = scratchDir();
    const recorded = join(await record(dir, 2000), 'raw.mimo');
    const setup = replaySetup(dir, {
      function: 'data.simulate_importer',
      config: { filename: recorded, speedup: 0, keep_metadata: true },
    });
    const run = startRun(setup);
    const runDir = await waitForRunDir(run);
    await expectExit(run, 0);
    const [original, replayed] = [await readPattern(recorded), await readPattern(join(runDir, 'raw.mimo'))];
    expect(replayed.bad).toEqual([]);
    expect(replayed.counters).toEqual(original.counters);
    expect(replayed.timestamps).toEqual(original.timestamps);
    expect(replayed.deadtimes).toEqual(original.deadtimes);
    expect(readLog(runDir, 'replay')).toContain(`replayed 2000 of 2000 events of ${recorded}`);
    expectNothingLeft(run);
  });

  it('record -> replay without keep_metadata: the same data with fresh counters and timestamps', async () => {
    const dir = scratchDir();
    const recorded = join(await record(dir, 500), 'raw.mimo');
    const setupRelative = relative(dir, recorded);
    const run = startRun(
      replaySetup(dir, {
        function: 'data.simulate_importer',
        config: { filename: setupRelative, speedup: 0 },
      }),
    );
    const runDir = await waitForRunDir(run);
    await expectExit(run, 0);
    const original = await readPattern(recorded);
    const replayed = await readPattern(join(runDir, 'raw.mimo'), 'position');
    expect(replayed.bad).toEqual([]);
    expect(replayed.counters).toEqual(range(500));
    expect(Math.min(...replayed.timestamps)).toBeGreaterThan(Math.max(...original.timestamps));
    expectNothingLeft(run);
  });

  it('simulate_importer keeps the recorded timing, sped up by speedup', async () => {
    const dir = scratchDir();
    const t0 = 1_700_000_000;
    const recorded = [t0, t0 + 0.3, t0 + 0.6, t0 + 0.6, t0 + 0.9];
    writePatternRecording(join(dir, 'timed.mimo'), recorded);
    for (const speedup of [1, 3]) {
      const setup = replaySetup(
        dir,
        { function: 'data.simulate_importer', config: { filename: 'timed.mimo', speedup } },
        `speedup-${speedup}.yaml`,
      );
      const run = startRun(setup);
      const runDir = await waitForRunDir(run);
      await expectExit(run, 0);
      const replayed = timestampsOf(join(runDir, 'raw.mimo'));
      // Each event is due at the first one's time plus its recorded offset / speedup: never early
      // (a millisecond of clock rounding aside), late by at most what a busy machine adds.
      replayed.forEach((time, k) => {
        const due = ((recorded[k] as number) - t0) / speedup;
        const offset = time - (replayed[0] as number);
        expect(offset, `event ${k} at speedup ${speedup}`).toBeGreaterThanOrEqual(due - 0.001);
        expect(offset, `event ${k} at speedup ${speedup}`).toBeLessThan(due + 0.25);
      });
      expectNothingLeft(run);
    }
  });

  it('clocked_importer: gaps of 1/rate (uniform) or exponential ones of mean 1/rate (poisson)', async () => {
    const dir = scratchDir();
    writePatternRecording(
      join(dir, 'events.mimo'),
      range(150).map((k) => 1_700_000_000 + k),
    );
    const rate = 50;
    /** Median gap times the rate, and the share of gaps within 20 % of 1/rate. */
    const replayGaps = async (distribution: string): Promise<{ median: number; near: number }> => {
      const setup = replaySetup(
        dir,
        { function: 'data.clocked_importer', config: { filename: 'events.mimo', rate, distribution } },
        `${distribution}.yaml`,
      );
      const run = startRun(setup);
      const runDir = await waitForRunDir(run);
      const { stdout } = await expectExit(run, 0);
      expect(bufferOf(parseSummary(stdout), 'raw').events, 'the file ends the replay').toBe(150);
      expectNothingLeft(run);
      const between = gaps(timestampsOf(join(runDir, 'raw.mimo'))).sort((a, b) => a - b);
      return {
        median: (between[between.length >> 1] as number) * rate,
        near: between.filter((gap) => Math.abs(gap * rate - 1) < 0.2).length / between.length,
      };
    };
    // Medians and shares, not means: a busy machine delays some events, and the schedule then
    // sends the ones that are due at once.
    const uniform = await replayGaps('uniform');
    expect(uniform.median).toBeGreaterThan(0.95);
    expect(uniform.median).toBeLessThan(1.1);
    expect(uniform.near, 'uniform: most gaps are 1/rate').toBeGreaterThan(0.5);
    // Exponential gaps: median ln 2 / rate, and exp(-0.8) - exp(-1.2) = 15 % within 20 % of the mean.
    const poisson = await replayGaps('poisson');
    expect(poisson.median).toBeGreaterThan(0.45);
    expect(poisson.median).toBeLessThan(1);
    expect(poisson.near, 'poisson: few gaps are near 1/rate').toBeLessThan(0.3);
  });

  it('a stop ends a replay that waits for a long gap, at once', async () => {
    const dir = scratchDir();
    writePatternRecording(join(dir, 'slow.mimo'), [100, 100.001, 1100]);
    const run = startRun(
      replaySetup(dir, { function: 'data.simulate_importer', config: { filename: 'slow.mimo' } }),
      ['--ui', 'none', '--duration', '1'],
    );
    const runDir = await waitForRunDir(run);
    const { stdout } = await expectExit(run, 0);
    expect(bufferOf(parseSummary(stdout), 'raw').events).toBe(2);
    expect(readLog(runDir, 'replay')).toContain(
      `replayed 2 of 3 events of ${join(dir, 'slow.mimo')} (stopped before its end)`,
    );
    expectNothingLeft(run);
  });

  it('data.export killed with SIGKILL mid-run leaves a file that reads up to its last whole event', async () => {
    const dir = scratchDir();
    // The source never ends: --duration stops it once nothing reads its buffer any more.
    const run = startRun(recordingSetup(dir, null), ['--ui', 'none', '--duration', '5']);
    const runDir = await waitForRunDir(run);
    const file = join(runDir, 'raw.mimo');
    let pid: number | undefined;
    await waitFor(() => (pid = pidOf(run, 'save[0]')) !== undefined, 'the pid of save[0]');
    await waitFor(() => existsSync(file) && statSync(file).size > 1e6, `1 MB in ${file}`, 20_000);
    process.kill(pid as number, 'SIGKILL');
    const { stderr } = await expectExit(run, 1);
    expect(stderr).toContain(`worker 'save' process 0 (pid ${pid}) was killed by SIGKILL`);
    const report = await readPattern(file);
    expect(report.counters.length).toBeGreaterThan(7000);
    expect(report.bad).toEqual([]);
    expect(report.counters).toEqual(range(report.counters.length));
    expectNothingLeft(run);
  });
});
