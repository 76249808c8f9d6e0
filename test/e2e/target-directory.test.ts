// A target directory that cannot be made fails before the start: exit 2, the reason named, in
// well under a second of CPU, and nothing started or left behind.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_PATH, E2E_FIXTURES, useCliRuns } from '../helpers/cli.js';
import { spawnTracked, useProcessCleanup, waitForExit } from '../helpers/processes.js';

useProcessCleanup();
useCliRuns();

const scratch = mkdtempSync(join(tmpdir(), 'mimocorb2-target-'));
const readOnly = join(scratch, 'read-only');
/** A read-only tmpfs, where this user may mount one (root); otherwise that case is skipped. */
const hasReadOnlyMount = (() => {
  try {
    execFileSync('mkdir', ['-p', readOnly]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', readOnly], { stdio: 'ignore' });
    return true;
  } catch {
    console.log('note: cannot mount a read-only tmpfs here (not root?): that case is skipped');
    return false;
  }
})();
afterAll(() => {
  if (hasReadOnlyMount) execFileSync('umount', [readOnly]);
  rmSync(scratch, { recursive: true, force: true });
});

const CPU_LINE = /^cpu-seconds ([\d.]+) ([\d.]+)$/m;

async function runWithTarget(target: string) {
  const child = spawnTracked('/usr/bin/time', [
    '-q',
    '-f',
    'cpu-seconds %U %S',
    process.execPath,
    CLI_PATH,
    'run',
    join(E2E_FIXTURES, 'chain.yaml'),
    '--ui',
    'none',
    '--target-dir',
    target,
  ]);
  const status = await waitForExit(child, 30_000);
  const match = CPU_LINE.exec(child.stderr());
  return {
    status,
    stdout: child.stdout(),
    stderr: child.stderr().replace(CPU_LINE, '').trim(),
    cpuSeconds: Number(match?.[1]) + Number(match?.[2]),
  };
}

const file = join(scratch, 'a-file');
writeFileSync(file, '');

describe('mimocorb2 run: a target directory that cannot be made', () => {
  it.each([
    ['under a file', join(file, 'runs'), `${file}: is not a directory (ENOTDIR)`],
    ['in /proc', '/proc/mimocorb2/runs', '/proc: is on the proc file system, which holds no files'],
    ['in /sys', '/sys/kernel/mimocorb2', '/sys/kernel: is on the sysfs file system, which holds no files'],
    ['on a read-only file system', join(readOnly, 'runs'), `${readOnly}: read-only file system (EROFS)`],
  ])('%s: exit 2 at once, the reason named, nothing started', async (what, target, reason) => {
    if (what === 'on a read-only file system' && !hasReadOnlyMount) return;
    const result = await runWithTarget(target);
    expect(result.status, result.stderr).toEqual({ code: 2, signal: null });
    expect(result.stderr).toBe(
      `cannot make the run directory in the target directory ${target} (target_directory, or --target-dir): ${reason}`,
    );
    expect(result.stdout).toBe('');
    expect(result.cpuSeconds, 'CPU seconds').toBeLessThan(1);
  });
});
