// Two users on one machine run at the same time without seeing each other: each has a buffer root
// of their own (0700, run files 0600); no run touches another user's files, live or stale; a
// root that someone else made is refused. Runs as root only (it adds a system user for the test
// and removes it afterwards); otherwise it is skipped with a note.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bufferDirsOfRun,
  bufferRootOf,
  E2E_FIXTURES,
  expectExit,
  expectNothingLeft,
  startCli,
  startRun,
  useCliRuns,
  waitForLog,
  waitForRunDir,
  type RunAs,
} from '../helpers/cli.js';
import { useProcessCleanup } from '../helpers/processes.js';

useProcessCleanup();
useCliRuns();

const USER = `mimocorb2-t${process.pid}`;
const canAddUsers =
  process.getuid?.() === 0 && spawnSync('useradd', ['--help'], { stdio: 'ignore' }).status === 0;
if (!canAddUsers) console.log('note: not root (or no useradd): the tests with a second user are skipped');
let other: RunAs = { uid: -1, gid: -1 };

beforeAll(() => {
  if (!canAddUsers) return;
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', USER]);
  other = {
    uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' })),
  };
});

afterAll(() => {
  if (!canAddUsers || other.uid < 0) return;
  rmSync(bufferRootOf(other.uid), { recursive: true, force: true });
  execFileSync('userdel', [USER]);
});

/** A process of a run that has been dead for long: its pid is free. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid;
}

/** A stale run directory (its control dead) in `root`, owned by `owner`. */
function makeStaleRun(root: string, owner: RunAs): string {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  chownSync(root, owner.uid, owner.gid);
  const pid = deadPid();
  const dir = join(root, `run_2000-01-01_00-00-00_${pid}`);
  mkdirSync(dir, { mode: 0o700 });
  writeFileSync(join(dir, 'control.json'), JSON.stringify({ pid, startTicks: 1 }));
  writeFileSync(join(dir, 'raw.mimobuf'), 'x');
  for (const path of [dir, join(dir, 'control.json'), join(dir, 'raw.mimobuf')])
    chownSync(path, owner.uid, owner.gid);
  return dir;
}

describe.skipIf(!canAddUsers)('mimocorb2 run: two users on one machine', () => {
  it('run at the same time, each in a buffer root of their own, and never touch the other’s files', async () => {
    const me: RunAs = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
    const theirs = startRun('endless.yaml', ['--ui', 'none', '--duration', '6'], undefined, other);
    const theirDir = await waitForRunDir(theirs);
    await waitForLog(theirs, theirDir, 'source', /^\[0\] yielded 2000$/m);
    // Made after their start (which would have removed it): it is theirs to remove, not mine.
    const otherStale = makeStaleRun(bufferRootOf(other.uid), other);
    const myStale = makeStaleRun(bufferRootOf(me.uid), me);
    const mine = startRun('endless.yaml', ['--ui', 'none', '--duration', '2']);
    await waitForRunDir(mine);

    // My start removed my stale run, and left the other user's live and stale runs alone.
    expect(existsSync(myStale), 'my stale run').toBe(false);
    expect(existsSync(otherStale), "the other user's stale run").toBe(true);
    const [theirLive] = bufferDirsOfRun(theirs);
    expect(theirLive, "the other user's live run directory").toBeDefined();

    // Their root and files are theirs and closed to everyone else.
    const root = bufferRootOf(other.uid);
    expect(lstatSync(root).isDirectory()).toBe(true);
    expect(statSync(root)).toMatchObject({ uid: other.uid });
    expect(statSync(root).mode & 0o777).toBe(0o700);
    const live = join(root, theirLive as string);
    expect(statSync(live).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(live)) {
      const stat = statSync(join(live, file));
      expect({ file, uid: stat.uid }).toEqual({ file, uid: other.uid });
      if (!stat.isDirectory()) expect({ file, mode: stat.mode & 0o777 }).toEqual({ file, mode: 0o600 });
    }
    // ... and they cannot look into mine.
    const peek = spawnSync(
      'setpriv',
      [
        '--reuid',
        String(other.uid),
        '--regid',
        String(other.gid),
        '--clear-groups',
        '--',
        'ls',
        bufferRootOf(me.uid),
      ],
      { encoding: 'utf8' },
    );
    expect(peek.status, peek.stdout).not.toBe(0);
    expect(peek.stderr).toContain('Permission denied');

    await expectExit(mine, 0);
    await expectExit(theirs, 0);
    expectNothingLeft(mine);
    expectNothingLeft(theirs);
    rmSync(otherStale, { recursive: true, force: true });
  });

  it('a buffer root someone else made is refused: exit 2, nothing started', async () => {
    const root = bufferRootOf(other.uid);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { mode: 0o777 });
    try {
      const run = startRun('chain.yaml', ['--ui', 'none'], undefined, other);
      const { stderr } = await expectExit(run, 2);
      expect(stderr.trim()).toBe(
        `the buffer root ${root} belongs to uid 0, not to you (uid ${other.uid}); it is not safe to use: remove it`,
      );
      expectNothingLeft(run);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a target directory the user may not write: exit 2, the reason named', async () => {
    const locked = mkdtempSync(join(tmpdir(), 'mimocorb2-locked-'));
    try {
      const run = startCli(
        ['run', join(E2E_FIXTURES, 'chain.yaml'), '--ui', 'none', '--target-dir', join(locked, 'runs')],
        { asUser: other },
      );
      const { stderr } = await expectExit(run, 2);
      expect(stderr.trim()).toBe(
        `cannot make the run directory in the target directory ${join(locked, 'runs')} (target_directory, or --target-dir): ${locked}: permission denied (EACCES)`,
      );
    } finally {
      rmSync(locked, { recursive: true, force: true });
    }
  });
});
