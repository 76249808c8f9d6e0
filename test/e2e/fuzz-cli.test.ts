// Bad input never gives a stack trace, through the real command: `validate` of mutated example
// setups exits 0 or 2 within 5 s and names the file and the place of every problem; `run` of one
// that does not validate exits 2 and leaves nothing behind. MIMOCORB2_FUZZ_SEED replays a run.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSetup } from '../../src/control/setup/index.js';
import {
  CLI_PATH,
  expectNothingLeft,
  startRun,
  targetDirEntries,
  useCliRuns,
  waitForEnd,
} from '../helpers/cli.js';
import { spawnTracked, useProcessCleanup, waitForExit, type ExitStatus } from '../helpers/processes.js';
import { copyExample, EXAMPLE_SETUPS, randomFrom, writeMutation } from '../helpers/setup-mutations.js';

useProcessCleanup();
useCliRuns();

const SEED = Number(process.env['MIMOCORB2_FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const VALIDATE_CASES = 3;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A problem line: `  file:line:col: ...` or `  file: Key.path: ...`. */
const PLACED = /^ {2}\S+?(:\d+:\d+)?: /;
/** After the first problems, the rest are counted in one line (src/errors.ts). */
const MORE = /^ {2}\.\.\. and \d+ more$/;
const STACK = /\n\s+at \S.*:\d+:\d+\)?$/m;

const TIME = '/usr/bin/time';
const CPU_LINE = /^cpu-seconds ([\d.]+) ([\d.]+)$/m;

/** `mimocorb2 validate <file>` under /usr/bin/time: its exit, stderr and the CPU seconds it took. */
async function validateTimed(
  file: string,
): Promise<{ status: ExitStatus; stderr: string; cpuSeconds: number }> {
  const child = spawnTracked(TIME, [
    '-q',
    '-f',
    'cpu-seconds %U %S',
    process.execPath,
    CLI_PATH,
    'validate',
    file,
  ]);
  const status = await waitForExit(child, 60_000);
  const match = CPU_LINE.exec(child.stderr());
  expect(match, `the CPU time in ${child.stderr()}`).not.toBeNull();
  const cpuSeconds = Number(match?.[1]) + Number(match?.[2]);
  return { status, stderr: child.stderr().replace(CPU_LINE, '').trimEnd(), cpuSeconds };
}

/** Mutates the original until the setup file no longer loads; returns what was done. */
function writeBrokenMutation(file: string, original: string, random: () => number): string {
  for (;;) {
    writeFileSync(file, original);
    const what = writeMutation(file, random);
    try {
      loadSetup(file);
    } catch {
      return what;
    }
  }
}

describe(`mimocorb2 validate and run of mutated example setups (MIMOCORB2_FUZZ_SEED=${SEED})`, () => {
  it.each(EXAMPLE_SETUPS.map((file, i) => [file, i] as const))('%s', async (example, index) => {
    const random = randomFrom(SEED + 1000 + index);
    const file = copyExample(example, 'mimocorb2-fuzz-cli-');
    dirs.push(dirname(file));
    const original = readFileSync(file, 'utf8');
    for (let n = 0; n < VALIDATE_CASES; n++) {
      writeFileSync(file, original);
      const context = `case ${n} (${writeMutation(file, random)}) of ${example}, seed ${SEED + 1000 + index}`;
      const result = await validateTimed(file);
      // CPU time, not wall time: this box is shared, and a loaded machine stretches the wall clock.
      expect(result.cpuSeconds, `${context}: CPU seconds`).toBeLessThan(5);
      expect([0, 2], `${context}: ${JSON.stringify(result.status)}\n${result.stderr}`).toContain(
        result.status.code,
      );
      expect(result.stderr, context).not.toMatch(STACK);
      expect(result.stderr, context).not.toContain('an unexpected error');
      if (result.status.code !== 2) continue;
      const lines = result.stderr.split('\n').filter((line) => line.startsWith('  '));
      expect(lines.length, `${context}: problem lines in\n${result.stderr}`).toBeGreaterThan(0);
      const listed = MORE.test(lines.at(-1) ?? '') ? lines.slice(0, -1) : lines;
      for (const line of listed) expect(line, context).toMatch(PLACED);
    }

    const context = `a broken mutation (${writeBrokenMutation(file, original, random)}) of ${example}`;
    const run = startRun(file);
    const result = await waitForEnd(run, 20_000);
    expect(result.status, `${context}\n${result.stderr}`).toEqual({ code: 2, signal: null });
    expect(result.stderr, context).not.toMatch(STACK);
    expect(targetDirEntries(run), `${context}: the target directory`).toEqual([]);
    expectNothingLeft(run);
  });
});
