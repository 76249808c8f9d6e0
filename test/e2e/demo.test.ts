// `mimocorb2 demo` with a bad --events or --slots: exit 2, the option named, no buffer directory left.
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { expectExit, startCli, useCliRuns } from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';

useProcessCleanup();
useCliRuns();

const DEMO_PARENT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

/** The demo's buffer directories (mimocorb2-demo-*) in DEMO_PARENT now. */
function demoDirs(): string[] {
  return readdirSync(DEMO_PARENT).filter((name) => name.startsWith('mimocorb2-demo-'));
}

describe('mimocorb2 demo: bad options', () => {
  it.each([
    ['--events -5', '--events must be a whole number of at least 1, got -5\nsee mimocorb2 --help\n'],
    [
      '--events abc',
      '--events must be a whole number of at least 1, got something that is not a number\nsee mimocorb2 --help\n',
    ],
    ['--events 1.5', '--events must be a whole number of at least 1, got 1.5\nsee mimocorb2 --help\n'],
    ['--slots 0', '--slots must be a whole number of at least 1, got 0\nsee mimocorb2 --help\n'],
    ['--slots 20000', "buffer 'demo': slot_count must be from 1 to 14000, got 20000\n"],
  ])('demo %s: exit 2, what is wrong, no buffer directory left', async (argument, message) => {
    const before = demoDirs();
    const run = startCli(['demo', ...argument.split(' ')]);
    const { stdout, stderr } = await expectExit(run, 2);
    expect(stderr).toBe(message);
    expect(stdout.join('\n')).toBe('');
    expect(demoDirs().filter((name) => !before.includes(name))).toEqual([]);
  });
});
