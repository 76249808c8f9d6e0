// Ctrl-C (SIGINT to the control process only, as the terminal sends it to the foreground group
// and the workers have their own): the first one drains the chain and exits 130, a second one
// kills every worker at once.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectExit,
  expectNothingLeft,
  readLog,
  RUN_DEADLINE_MS,
  startRun,
  targetDirEntries,
  useCliRuns,
  waitForLog,
  waitForRunDir,
  waitForStderr,
} from '../helpers/cli.js';
import { useProcessCleanup, waitFor } from '../helpers/processes.js';
import {
  bufferOf,
  compareCounters,
  EXACTLY_ONCE,
  parseSummary,
  readControlLog,
  readReceived,
} from './run-output.js';

useProcessCleanup();
useCliRuns();

describe('mimocorb2 run: Ctrl-C', () => {
  it('SIGINT ends the run cleanly: exit 130, summary, every committed event delivered', async () => {
    const run = startRun('endless.yaml');
    const runDir = await waitForRunDir(run);
    await waitForLog(run, runDir, 'source', /^\[0\] yielded 2000$/m);
    run.child.process.kill('SIGINT');
    const { stdout, stderr } = await expectExit(run, 130);
    expect(stderr).toContain('interrupted: stopping the roots and draining (Ctrl-C again kills)');
    const controlLog = readControlLog(runDir);
    const interrupted = controlLog.indexOf(
      'interrupted: stopping the roots and draining (Ctrl-C again kills)',
    );
    expect(controlLog.slice(interrupted, interrupted + 3), controlLog.join('\n')).toEqual([
      'interrupted: stopping the roots and draining (Ctrl-C again kills)',
      'shutting down: 3 processes alive',
      'stop the roots; the chain drains',
    ]);
    expect(controlLog.at(-1)).toMatch(/^run finished after [\d.]+ s: exit code 130$/);
    const summary = parseSummary(stdout);
    expect(summary.exitCode).toBe(130);
    expect(stdout).toContain(
      'run finished after ' + summary.seconds.toFixed(1) + ' s: interrupted (exit code 130)',
    );
    expect([...summary.workers.values()], 'the workers ended by themselves').toEqual(['ok', 'ok', 'ok']);
    const raw = bufferOf(summary, 'raw');
    expect(raw.events).toBeGreaterThanOrEqual(2000);
    expect(compareCounters(readReceived(runDir, 'sink').counters, raw.events)).toEqual(EXACTLY_ONCE);
    expectNothingLeft(run);
  });

  it('SIGINT while the workers start: every worker stopped, nothing kept, exit 130', async () => {
    // The sink takes 5 s to get ready; the run directory exists, its first line is not printed yet.
    const run = startRun('slow-start.yaml');
    let sinkLog = '';
    await waitFor(
      () => {
        const [runId] = targetDirEntries(run);
        sinkLog = runId === undefined ? '' : readLog(join(run.targetDir, runId), 'sink');
        return /^\[0\] started pid \d+$/m.test(sinkLog);
      },
      "the sink's log to say it started",
      RUN_DEADLINE_MS,
      () => ({ targetDir: targetDirEntries(run), sinkLog }),
    );
    run.child.process.kill('SIGINT');
    const { stdout, stderr } = await expectExit(run, 130, 4_000);
    expect(stderr).toBe('interrupted while starting: every worker was stopped and nothing was kept\n');
    expect(stdout.join('\n')).toBe('');
    expect(targetDirEntries(run), 'the target directory').toEqual([]);
    expectNothingLeft(run);
  });

  it('a second SIGINT kills every worker at once, also one that would never end', async () => {
    // The sink stops for good at its 100th event: the first SIGINT cannot drain the chain.
    const run = startRun('hanging-sink.yaml');
    const runDir = await waitForRunDir(run);
    await waitForLog(run, runDir, 'sink', /^\[0\] hanging pid \d+$/m);
    run.child.process.kill('SIGINT');
    await waitForStderr(run, /interrupted: stopping the roots/);
    const secondMs = performance.now();
    run.child.process.kill('SIGINT');
    // The orderly stages would wait 10 s before ending the buffers, then 3 s of grace.
    const { stdout, stderr } = await expectExit(run, 130, 5_000);
    expect(performance.now() - secondMs).toBeLessThan(5_000);
    expect(stderr).toContain('second interrupt: killing every worker process');
    const summary = parseSummary(stdout);
    expect(summary.workers.get('sink')).toBe('killed by SIGKILL');
    expectNothingLeft(run);
  });
});
