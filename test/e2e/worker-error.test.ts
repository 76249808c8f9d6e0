// A worker whose function throws mid-run: it exits holding its events, control returns them, and
// since its buffer then has no reader left, control stops the roots, counts what waits there as
// undeliverable, and the rest drains; the exit code and the summary say which worker failed and why.
import { describe, expect, it } from 'vitest';
import {
  expectExit,
  expectNothingLeft,
  readLog,
  startRun,
  useCliRuns,
  waitForRunDir,
} from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';
import { bufferOf, compareCounters, EXACTLY_ONCE, parseSummary, readReceived } from './run-output.js';

useProcessCleanup();
useCliRuns();

const FAILURE =
  "worker 'filter': the Filter function threw on the event with counter 5000: told to throw at counter 5000";

describe('mimocorb2 run: a worker that throws', () => {
  it('the run ends by itself with exit 1; every event is delivered or counted undeliverable', async () => {
    const run = startRun('throwing-filter.yaml');
    const runDir = await waitForRunDir(run);
    const { stdout, stderr } = await expectExit(run, 1);
    expect(stderr).toMatch(
      new RegExp(`^worker 'filter' process 0 \\(pid \\d+\\) exited with code 1: ${FAILURE}$`, 'm'),
    );
    const summary = parseSummary(stdout);
    expect(summary.workers).toEqual(
      new Map([
        ['source', 'ok'],
        ['filter', `failed (code 1): ${FAILURE}`],
        ['sink', 'ok'],
      ]),
    );
    expect(stderr).toMatch(
      /^buffer 'raw' has no reader left \('filter' ended\) while \d+ events wait in it/m,
    );
    // The event it failed on went back into 'raw' with the rest: none vanished.
    const raw = bufferOf(summary, 'raw');
    expect(raw.redelivered).toBe(1);
    expect(raw.undeliverable).toBe(raw.events - 5000);
    expect(bufferOf(summary, 'passed').events).toBe(5000);
    expect(compareCounters(readReceived(runDir, 'sink').counters, 5000)).toEqual(EXACTLY_ONCE);
    expect(readLog(runDir, 'filter')).toContain(FAILURE);
    expectNothingLeft(run);
  });
});
