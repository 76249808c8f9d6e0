// perf stat attached to a real process, switched on and off through its control FIFO: the
// process burns CPU before, inside and after its window, and task-clock must count only the inside.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTRUCTIONS_VARIABLE } from '../../../src/bench/perf/perf-window.js';
import { REPO_ROOT } from '../../helpers/cli.js';

const CHILD = join(REPO_ROOT, 'test', 'fixtures', 'bench', 'perf-window-child.mjs');
const hasPerf = spawnSync('perf', ['--version']).error === undefined;

/** Runs the child with counting on and returns its one result line, failing after `deadlineMs`. */
function runChild(args: string[], deadlineMs: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, join(REPO_ROOT, 'dist'), ...args], {
      env: { ...process.env, [INSTRUCTIONS_VARIABLE]: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child did not finish within ${deadlineMs} ms: ${out} ${err}`));
    }, deadlineMs);
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out) as Record<string, unknown>);
      else reject(new Error(`the child exited with ${code}: ${err}`));
    });
  });
}

describe('a perf stat window', () => {
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
