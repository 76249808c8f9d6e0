// The developer tools' command lines (`npm run bench`, `chaos`, `soak`): --help is the usage on
// stdout with exit 0; anything refused names the option and what it needs, above the usage, with
// exit 2 and no stack trace, before anything runs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { spawnTracked, useProcessCleanup, waitForExit } from '../helpers/processes.js';

useProcessCleanup();

function tool(name: 'bench' | 'chaos' | 'soak', args: readonly string[]) {
  return spawnTracked(process.execPath, [join(REPO_ROOT, 'dist', name, 'main.js'), ...args], name);
}

describe('developer tools', () => {
  it.each([
    ['bench', '--help'],
    ['chaos', '--help'],
    ['chaos', '-h'],
    ['soak', '--help'],
    ['soak', '-h'],
  ] as const)('%s %s prints the usage and exits 0', async (name, flag) => {
    const child = tool(name, [flag]);
    expect(await waitForExit(child)).toEqual({ code: 0, signal: null });
    expect(child.stdout()).toMatch(new RegExp(`^usage: npm run ${name} -- `));
    expect(child.stderr()).toBe('');
  });

  it.each([
    ['chaos', ['--runs', 'abc'], "chaos: --runs must be a whole number from 1 to 100000, got 'abc'"],
    ['chaos', ['--runs=0'], "chaos: --runs must be a whole number from 1 to 100000, got '0'"],
    ['chaos', ['--seed=-4'], 'chaos: --seed must be a whole number from 0 to'],
    ['chaos', ['--fast'], "chaos: Unknown option '--fast'"],
    ['soak', ['--minutes=-1'], "soak: --minutes must be a number above 0, got '-1'"],
    ['soak', ['--rate', '0'], "soak: --rate must be a number above 0, got '0'"],
    ['soak', ['--every', ''], "soak: --every must be a number above 0, got ''"],
    ['soak', ['--help=yes'], "soak: Option '-h, --help' does not take an argument"],
    ['bench', ['--runs', '0'], "bench: --runs must be a whole number from 1 to 99, got '0'"],
  ] as const)('%s %j exits 2 naming the option', async (name, args, message) => {
    const child = tool(name, args);
    expect(await waitForExit(child)).toEqual({ code: 2, signal: null });
    expect(child.stderr()).toContain(message);
    expect(child.stderr()).toContain(`usage: npm run ${name} -- `);
    expect(child.stderr()).not.toMatch(/\n\s+at /);
    expect(child.stdout()).toBe('');
  });
});
