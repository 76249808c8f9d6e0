// Control killed with SIGKILL at any moment (while the workers start, while they run, while it
// shuts them down): no worker process outlives it by more than 2 s, whatever it is doing (blocked
// in a pipe read, asleep, in a busy loop, idle), and the next start removes the dead run's buffers.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUFFER_ROOT,
  bufferDirsOfRun,
  expectExit,
  processesOfRun,
  readLog,
  RUN_DEADLINE_MS,
  startRun,
  targetDirEntries,
  useCliRuns,
  waitForLog,
  waitForRunDir,
  waitForStderr,
  type CliRun,
} from '../helpers/cli.js';
import { useProcessCleanup, waitFor } from '../helpers/processes.js';

useProcessCleanup();
useCliRuns();

/** How long a worker may outlive control, plus what it takes to look at /proc on a busy machine. */
const OUTLIVE_MS = 2_000;

/** SIGKILLs control and waits until no process of the run is left; returns how long that took. */
async function killControl(run: CliRun): Promise<number> {
  const workers = processesOfRun(run).filter((pid) => pid !== run.controlPid);
  expect(workers.length, 'worker processes before the kill').toBeGreaterThan(0);
  run.child.process.kill('SIGKILL');
  await run.child.exited;
  const gone = performance.now();
  await waitFor(
    () => processesOfRun(run).length === 0,
    'every worker process to die with control',
    10_000,
    () => processesOfRun(run),
  );
  return performance.now() - gone;
}

/** The next run (of another setup) removes what the killed control left in the buffer root. */
async function expectNextStartCleansUp(killed: CliRun): Promise<void> {
  const left = bufferDirsOfRun(killed);
  expect(left.length, 'the killed run left its buffer directory').toBe(1);
  const next = startRun('chain.yaml');
  await waitForRunDir(next);
  expect(existsSync(join(BUFFER_ROOT, left[0] as string)), 'the dead run’s buffer directory').toBe(false);
  await expectExit(next, 0);
}

describe('mimocorb2 run: control killed with SIGKILL', () => {
  it('while every worker runs, blocks, sleeps, spins or idles: all are gone within 2 s', async () => {
    const run = startRun('control-killed.yaml');
    const runDir = await waitForRunDir(run);
    for (const [worker, pattern] of [
      ['sleeper', /^\[0\] sleep pid \d+$/m],
      ['spinner', /^\[0\] spin pid \d+$/m],
      ['idler', /^\[0\] idle pid \d+$/m],
      ['sink', /^\[0\] started pid \d+$/m],
      ['blocked', /^\[0\] started pid \d+$/m],
    ] as const)
      await waitForLog(run, runDir, worker, pattern);
    expect(await killControl(run), 'ms the workers outlived control').toBeLessThan(OUTLIVE_MS);
    await expectNextStartCleansUp(run);
  });

  it('while the workers start: all are gone within 2 s', async () => {
    const run = startRun('slow-start.yaml');
    await waitFor(
      () => {
        const [runId] = targetDirEntries(run);
        return (
          runId !== undefined && /^\[0\] started pid \d+$/m.test(readLog(join(run.targetDir, runId), 'sink'))
        );
      },
      "the slow sink's log to say it started",
      RUN_DEADLINE_MS,
    );
    expect(await killControl(run), 'ms the workers outlived control').toBeLessThan(OUTLIVE_MS);
    await expectNextStartCleansUp(run);
  });

  it('while it shuts the run down: all are gone within 2 s', async () => {
    const run = startRun('control-killed.yaml');
    const runDir = await waitForRunDir(run);
    await waitForLog(run, runDir, 'spinner', /^\[0\] spin pid \d+$/m);
    run.child.process.kill('SIGINT');
    await waitForStderr(run, /interrupted: stopping the roots/);
    expect(await killControl(run), 'ms the workers outlived control').toBeLessThan(OUTLIVE_MS);
    await expectNextStartCleansUp(run);
  });
});
