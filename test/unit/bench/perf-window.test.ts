// perf stat attached to a real process, switched on and off through its control FIFO: the
// process burns CPU before, inside and after its window, and task-clock must count only the inside.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTRUCTIONS_VARIABLE } from '../../../src/bench/perf/perf-window.js';
import { REPO_ROOT } from '../../helpers/cli.js';
import { expectCleanExit, spawnTracked, useProcessCleanup } from '../../helpers/processes.js';

const CHILD = join(REPO_ROOT, 'test', 'fixtures', 'bench', 'perf-window-child.mjs');
const hasPerf = spawnSync('perf', ['--version']).error === undefined;

/** Runs the child with counting on and returns its one result line, failing after `deadlineMs`. */
async function runChild(args: string[], deadlineMs: number): Promise<Record<string, unknown>> {
  const env = { ...process.env, [INSTRUCTIONS_VARIABLE]: '1' };
  const child = spawnTracked(
    process.execPath,
    [CHILD, join(REPO_ROOT, 'dist'), ...args],
    'perf-window-child',
    env,
  );
  await expectCleanExit(child, deadlineMs);
  return JSON.parse(child.stdout()) as Record<string, unknown>;
}

describe('a perf stat window', () => {
  useProcessCleanup();
  if (!hasPerf) console.log('skipped the perf stat window: perf not installed (Debian: linux-perf)');

  it.skipIf(!hasPerf)('counts task-clock inside the window and not before or after it', async () => {
    const result = await runChild(['400', '200', '400'], 60_000);
    const inside = result['inside_ms'] as number;
    expect(result['task_clock_ms'], JSON.stringify(result)).toBeGreaterThan(inside * 0.7);
    expect(result['task_clock_ms'], JSON.stringify(result)).toBeLessThan(inside * 1.5 + 50);
    // Either perf counted instructions (a machine with a PMU) or it says why not (this VM).
    if (result['instructions'] === undefined)
      expect(result['perf_note']).toMatch(/^perf stat cannot count instructions:u on this machine \(<not /);
    else expect(result['instructions']).toBeGreaterThan(0);
  });
});
