// A callgrind window in a real process under valgrind: the process runs a loop of known iteration
// counts before, inside and after its window, and the window must count the inside loop only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CALLGRIND_DIR_VARIABLE, callgrindPrefix } from '../../../src/bench/perf/callgrind-window.js';
import { REPO_ROOT } from '../../helpers/cli.js';
import { expectCleanExit, spawnTracked, useProcessCleanup } from '../../helpers/processes.js';

const CHILD = join(REPO_ROOT, 'test', 'fixtures', 'bench', 'callgrind-window-child.mjs');
const hasValgrind = spawnSync('valgrind', ['--version']).error === undefined;
const dumps = mkdtempSync(join(tmpdir(), 'mimocorb2-callgrind-test-'));

/** Runs the child under callgrind and returns its one result line, failing after `deadlineMs`. */
async function runChild(
  iterations: [number, number, number],
  deadlineMs: number,
): Promise<Record<string, unknown>> {
  const [valgrind = 'valgrind', ...options] = callgrindPrefix();
  const args = [...options, process.execPath, CHILD, join(REPO_ROOT, 'dist'), ...iterations.map(String)];
  const env = { ...process.env, [CALLGRIND_DIR_VARIABLE]: dumps };
  const child = spawnTracked(valgrind, args, 'callgrind-window-child', env);
  await expectCleanExit(child, deadlineMs);
  return JSON.parse(child.stdout()) as Record<string, unknown>;
}

afterAll(() => rmSync(dumps, { recursive: true, force: true }));

describe('a callgrind window', () => {
  useProcessCleanup();
  if (!hasValgrind) console.log('skipped the callgrind window: valgrind not installed (Debian: valgrind)');

  it.skipIf(!hasValgrind)(
    'counts the instructions of the loop inside the window only',
    async () => {
      const M = 1_000_000;
      // Each child warms the loop up with two million iterations before its window.
      const [empty, one, two] = await Promise.all(
        [
          [2 * M, 0, 3 * M],
          [2 * M, M, M],
          [2 * M, 2 * M, M],
        ].map((iterations) => runChild(iterations as [number, number, number], 60_000)),
      );
      const text = JSON.stringify({ empty, one, two });
      const [none = NaN, inside = NaN, twice = NaN] = [empty, one, two].map(
        (r) => r?.['instructions'] as number,
      );
      // A loop iteration is a handful of instructions; an empty window (its own calls) a few ten
      // thousand, whatever ran before and after it.
      expect(inside, text).toBeGreaterThan(3 * M);
      expect(none, text).toBeLessThan(inside * 0.01);
      // Twice the iterations inside, twice the instructions (of the loop, besides the window's own).
      expect((twice - none) / (inside - none), text).toBeGreaterThan(1.9);
      expect((twice - none) / (inside - none), text).toBeLessThan(2.1);
    },
    90_000,
  );

  it('says why there is no count when the process is not under callgrind', async () => {
    const { CallgrindWindow } = await import('../../../src/bench/perf/callgrind-window.js');
    const window = new CallgrindWindow();
    window.enable();
    window.disable();
    expect(window.finish()['perf_note']).toMatch(/callgrind wrote no dump/);
  });
});
