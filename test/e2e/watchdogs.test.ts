// max_memory and max_silence: a process above its memory limit, or one that holds events without
// progress for too long, is killed with the reason, and restarted if its worker's policy says so.
import { describe, expect, it } from 'vitest';
import { expectExit, expectNothingLeft, startRun, useCliRuns, waitForRunDir } from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';
import { bufferOf, compareCounters, EXACTLY_ONCE, parseSummary, readReceived } from './run-output.js';

useProcessCleanup();
useCliRuns();

describe('mimocorb2 run: watchdogs', () => {
  it('max_memory: a process above it is killed and reported with its memory; exit 1', async () => {
    const run = startRun('memory-hog.yaml');
    await waitForRunDir(run);
    const { stdout, stderr } = await expectExit(run, 1);
    expect(stderr).toMatch(
      /^worker 'sink' process 0 \(pid \d+\) uses \d+(\.\d+)?M of memory, above max_memory 128M: killing it$/m,
    );
    const summary = parseSummary(stdout);
    expect(summary.workers.get('sink')).toMatch(
      /^killed: uses \d+(\.\d+)?M of memory, above max_memory 128M$/,
    );
    expectNothingLeft(run);
  });

  it('max_silence: a process stuck in a loop holding an event is killed and restarted; exit 0', async () => {
    const run = startRun('silent-filter.yaml');
    const runDir = await waitForRunDir(run);
    const { stdout, stderr } = await expectExit(run, 0);
    expect(stderr).toMatch(
      /^worker 'filter' process 0 \(pid \d+\) held events for \d+ s without progress, longer than max_silence 1 s: killing it$/m,
    );
    const summary = parseSummary(stdout);
    expect(summary.restarts).toEqual([
      expect.stringMatching(/^filter\[0\] at [\d.]+ s: was killed: held events for \d+ s without progress/),
    ]);
    const raw = bufferOf(summary, 'raw');
    const received = readReceived(runDir, 'sink');
    const difference = compareCounters(received.counters, 5000);
    expect({ ...difference, duplicates: 0 }).toEqual(EXACTLY_ONCE);
    expect(difference.duplicates).toBeLessThanOrEqual(raw.redelivered);
    expectNothingLeft(run);
  });

  it('max_silence: the stuck process is killed, not its sibling waiting for the events it holds', async () => {
    const run = startRun('silent-filter-siblings.yaml');
    const runDir = await waitForRunDir(run);
    const { stdout, stderr } = await expectExit(run, 1);
    const kills = stderr.split('\n').filter((line) => line.endsWith(': killing it'));
    expect(kills).toEqual([
      expect.stringMatching(/^worker 'filter' process 0 \(pid \d+\) held events for \d+ s without progress/),
    ]);
    const summary = parseSummary(stdout);
    expect(summary.workers.get('filter')).toMatch(/^\[0\] killed: held events .*; \[1\] ok$/);
    // The sibling takes the events the killed process held.
    const raw = bufferOf(summary, 'raw');
    expect(raw.undeliverable).toBe(0);
    const difference = compareCounters(readReceived(runDir, 'sink').counters, 5000);
    expect({ ...difference, duplicates: 0 }).toEqual(EXACTLY_ONCE);
    expect(difference.duplicates).toBeLessThanOrEqual(raw.redelivered);
    expectNothingLeft(run);
  });
});
