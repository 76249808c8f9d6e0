// --duration on a source that never ends: the roots are stopped after that long, the chain
// drains, and the run ends normally with every committed event delivered.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  command,
  expectExit,
  expectNothingLeft,
  startRun,
  useCliRuns,
  waitForLog,
  waitForRunDir,
} from '../helpers/cli.js';
import { useProcessCleanup, waitFor } from '../helpers/processes.js';
import {
  bufferOf,
  compareCounters,
  EXACTLY_ONCE,
  parseSummary,
  readReceived,
  readControlLog,
  readStatsCsv,
  sorted,
} from './run-output.js';

useProcessCleanup();
useCliRuns();

// Long enough for a periodic stats row (the first is sampled 1 s in) besides the final one.
const DURATION_S = 2.5;

describe('mimocorb2 run --duration', () => {
  it('ends an endless source after about that long: exit 0, every committed event delivered', async () => {
    const run = startRun('endless.yaml', ['--ui', 'none', '--duration', String(DURATION_S)]);
    const runDir = await waitForRunDir(run);
    const startedMs = performance.now();
    const { stdout, stderr } = await expectExit(run, 0);
    const tookS = (performance.now() - startedMs) / 1000;
    expect(stderr).toContain(`--duration ${DURATION_S} s reached: stopping the roots`);
    // From the first line (all workers ready) to the exit: the duration, the drain and the summary.
    expect(tookS).toBeGreaterThanOrEqual(DURATION_S - 0.05);
    expect(tookS).toBeLessThan(DURATION_S + 5);

    const summary = parseSummary(stdout);
    expect(summary.seconds).toBeGreaterThanOrEqual(DURATION_S - 0.05);
    expect([...summary.workers.values()]).toEqual(['ok', 'ok', 'ok']);
    const raw = bufferOf(summary, 'raw');
    expect(raw.events).toBeGreaterThan(0);
    expect(bufferOf(summary, 'passed').events).toBe(raw.events);
    const received = readReceived(runDir, 'sink');
    expect(received.counters.length).toBe(raw.events);
    expect(compareCounters(received.counters, raw.events)).toEqual(EXACTLY_ONCE);

    // A row every second while it ran, and the final one with the summary's counts.
    const { rows } = readStatsCsv(runDir);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const elapsed = rows.map((row) => Number(row.get('elapsed_s')));
    expect(elapsed, 'elapsed_s grows').toEqual(sorted(elapsed));
    expect(Number(rows.at(-1)?.get('buffer.raw.events'))).toBe(raw.events);

    const controlLog = readControlLog(runDir);
    const reached = controlLog.indexOf(`--duration ${DURATION_S} s reached: stopping the roots`);
    expect(reached, controlLog.join('\n')).toBeGreaterThan(0);
    expect(controlLog[reached + 1]).toBe('stop the roots; the chain drains');
    expect(controlLog.at(-1)).toMatch(/^run finished after [\d.]+ s: exit code 0$/);
    expectNothingLeft(run);
  });

  it('roots stopped before the duration: the duration has nothing left to stop and says nothing', async () => {
    const run = startRun('hanging-sink.yaml', ['--ui', 'plain', '--duration', '3']);
    const runDir = await waitForRunDir(run);
    // Stopped before the sink hangs, the roots could end the chain at once.
    await waitForLog(run, runDir, 'sink', /^\[0\] hanging pid \d+$/m);
    await command(run, 'shutdown roots', /^stopping the roots; the chain drains$/);
    // The sink never drains: wait until the run is past its duration (stats.csv rows, 1 s apart).
    const elapsed = () => {
      const stats = join(runDir, 'stats.csv');
      const last = existsSync(stats) ? readFileSync(stats, 'utf8').trimEnd().split('\n').at(-1) : undefined;
      return Number(last?.split(',')[1]);
    };
    await waitFor(() => elapsed() >= 4, 'a stats.csv row 4 s into the run', 12_000, elapsed);
    await command(run, 'kill sink', /^terminating worker 'sink'$/);
    const { stderr } = await expectExit(run, 1);
    expect(stderr).not.toContain('--duration');
    expect(readControlLog(runDir)).not.toContain('--duration 3 s reached: stopping the roots');
    expectNothingLeft(run);
  });
});
