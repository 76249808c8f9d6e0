// Worker-level restart policy: a failed process is started again after its backoff and goes on
// where the dead one stopped; the run exits 0 when every failure was recovered and nothing was
// lost, and the summary lists each restart and why.
import { describe, expect, it } from 'vitest';
import {
  command,
  expectExit,
  expectNothingLeft,
  startRun,
  useCliRuns,
  waitForRunDir,
  waitForStderr,
} from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';
import {
  bufferOf,
  compareCounters,
  EXACTLY_ONCE,
  parseSummary,
  readReceived,
  readStatsCsv,
} from './run-output.js';

useProcessCleanup();
useCliRuns();

describe('mimocorb2 run: restart: on-failure', () => {
  it('a filter that kills itself is restarted, takes its events back, and the run exits 0', async () => {
    const run = startRun('restart-filter.yaml');
    const runDir = await waitForRunDir(run);
    const { stdout, stderr } = await expectExit(run, 0);
    expect(stderr).toMatch(/^worker 'filter' process 0 \(pid \d+\) was killed by SIGKILL$/m);
    expect(stderr).toContain("restarting worker 'filter' process 0 in 0.1 s (restart 1 of 3)");
    expect(stderr).toMatch(/^worker 'filter' process 0 restarted \(pid \d+\)$/m);
    const summary = parseSummary(stdout);
    expect(stdout[stdout.findIndex((l) => l.startsWith('run finished'))]).toMatch(
      /every worker ended normally \(a failure recovered by restarts\) \(exit code 0\)$/,
    );
    expect(summary.workers.get('filter')).toBe('ok (restarted 1×)');
    expect(summary.restarts).toEqual([
      expect.stringMatching(/^filter\[0\] at [\d.]+ s: was killed by SIGKILL$/),
    ]);
    const raw = bufferOf(summary, 'raw');
    expect(raw.events).toBe(10_000);
    expect(raw.redelivered).toBeGreaterThanOrEqual(1);
    const received = readReceived(runDir, 'sink');
    const difference = compareCounters(received.counters, 10_000);
    expect({ ...difference, duplicates: 0 }, 'every event arrived').toEqual(EXACTLY_ONCE);
    expect(difference.duplicates).toBeLessThanOrEqual(raw.redelivered);
    const last = readStatsCsv(runDir).rows.at(-1) as Map<string, string>;
    expect(last.get('worker.filter.restarts')).toBe('1');
    expectNothingLeft(run);
  });

  it('a restarted importer starts its source again; the event counter goes on', async () => {
    const run = startRun('restart-source.yaml');
    const runDir = await waitForRunDir(run);
    const { stdout } = await expectExit(run, 0);
    const summary = parseSummary(stdout);
    expect(summary.restarts).toEqual([
      expect.stringMatching(/^source\[0\] at [\d.]+ s: exited with code 1: .*told to fail at counter 500$/),
    ]);
    expect(bufferOf(summary, 'raw').events).toBe(1500);
    const received = readReceived(runDir, 'sink');
    expect(compareCounters(received.counters, 1500)).toEqual(EXACTLY_ONCE);
    // Values are the generator's index: 0..499 from the first life, 0..999 from the second.
    expect(received.values.slice(495, 505)).toEqual([495, 496, 497, 498, 499, 0, 1, 2, 3, 4]);
    expectNothingLeft(run);
  });

  it('gives up after max_restarts; the run exits 1 and lists every restart', async () => {
    const run = startRun('restart-exhausted.yaml');
    await waitForRunDir(run);
    const { stdout, stderr } = await expectExit(run, 1);
    expect(stderr).toContain("restarting worker 'filter' process 0 in 0.05 s (restart 1 of 2)");
    expect(stderr).toContain("restarting worker 'filter' process 0 in 0.1 s (restart 2 of 2)");
    expect(stderr).toContain("worker 'filter' process 0 failed after 2 restarts: it is not restarted again");
    const summary = parseSummary(stdout);
    expect(summary.restarts).toHaveLength(2);
    expect(summary.workers.get('filter')).toMatch(
      /^failed \(code 1\) \(restarted 2×\): .*told to fail at counter 100$/,
    );
    // The event it fails on went back each time (behind those written meanwhile, which the next
    // life passed on); in the end nobody reads 'raw', and what waits there is undeliverable.
    const raw = bufferOf(summary, 'raw');
    const passed = bufferOf(summary, 'passed');
    expect(raw.redelivered).toBe(3);
    expect(passed.events).toBeGreaterThanOrEqual(100);
    expect(raw.undeliverable).toBe(raw.events - passed.events);
    expectNothingLeft(run);
  });

  it('a source waiting for its restart is not started again once the roots stop: the run ends at once', async () => {
    const run = startRun('restart-source-stopped.yaml', ['--ui', 'plain']);
    const runDir = await waitForRunDir(run);
    await waitForStderr(run, /restarting worker 'source' process 0 in 30 s/);
    const stoppedAt = performance.now();
    await command(run, 'shutdown roots', /^stopping the roots; the chain drains$/m);
    // Without a restart coming, the stream of 'raw' ends and the sink drains it (no 10 s stage).
    const { stdout, stderr } = await expectExit(run, 1, 8_000);
    expect(performance.now() - stoppedAt).toBeLessThan(5_000);
    expect(stderr).toContain("worker 'source' process 0 is not restarted: the roots were stopped");
    const summary = parseSummary(stdout);
    expect(summary.workers.get('source')).toMatch(/^failed \(code 1\): .*told to fail at counter 500$/);
    expect(summary.restarts, 'no restart took place').toEqual([]);
    expect(bufferOf(summary, 'raw').events).toBe(500);
    expect(compareCounters(readReceived(runDir, 'sink').counters, 500)).toEqual(EXACTLY_ONCE);
    expectNothingLeft(run);
  });
});
