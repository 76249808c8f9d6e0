// What running the examples writes (run directories, recordings, the NATS store) is ignored by
// git, so that a user's `git add -A` after trying them does not commit hundreds of MB.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Each example setup in git (a YAML file with Workers) and the directory its runs go to. */
function runDirectories(): [setup: string, targetDir: string][] {
  const files = spawnSync('git', ['ls-files', '--', 'examples/*.yaml'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return files.stdout
    .split('\n')
    .filter((file) => file !== '')
    .flatMap((file): [string, string][] => {
      const setup = parse(readFileSync(join(REPO_ROOT, file), 'utf8')) as Record<string, unknown> | null;
      if (setup === null || !('Workers' in setup)) return [];
      const target = typeof setup['target_directory'] === 'string' ? setup['target_directory'] : 'target';
      return [[file, join(dirname(file), target)]];
    });
}

/** Whether git ignores `path` (relative to the repository). */
function isIgnored(path: string): boolean {
  return spawnSync('git', ['check-ignore', '--quiet', '--no-index', path], { cwd: REPO_ROOT }).status === 0;
}

const hasGit = spawnSync('git', ['rev-parse', '--git-dir'], { cwd: REPO_ROOT }).status === 0;

describe.skipIf(!hasGit)("the examples' outputs are ignored by git", () => {
  it.each(runDirectories())('%s: its run directories in %s', (_setup, targetDir) => {
    expect(isIgnored(join(targetDir, 'run_2026-01-01_00-00-00', 'stats.csv'))).toBe(true);
    expect(isIgnored(join(targetDir, 'latest'))).toBe(true);
  });

  it("multi-host: nats-server's store, made where the README starts it (examples/multi-host)", () => {
    expect(isIgnored('examples/multi-host/nats-store/jetstream/DAQ/msgs/1.blk')).toBe(true);
  });
});
