import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bufferRootOf } from '../../../src/commands/buffer-root.js';
import {
  createBufferDirectory,
  DEFAULT_BUFFER_ROOT,
  removeStaleBufferDirectories,
} from '../../../src/control/run/buffer-directory.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('removeStaleBufferDirectories', () => {
  it('removes the directories of a control that is gone and keeps those of a live one', () => {
    const root = mkdtempSync(join(tmpdir(), 'buffer-root-'));
    dirs.push(root);
    const live = createBufferDirectory('run_live', root);
    // A pid that existed and has exited: a finished child's.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const stale = join(root, 'run_stale');
    mkdirSync(stale);
    writeFileSync(join(stale, 'control.json'), JSON.stringify({ pid: gone, startTicks: 1 }));
    writeFileSync(join(stale, 'raw.mimobuf'), 'x');
    // Our own pid with another start time: a reused pid, so the old control is gone too.
    const reused = join(root, 'run_reused');
    mkdirSync(reused);
    writeFileSync(join(reused, 'control.json'), JSON.stringify({ pid: process.pid, startTicks: 1 }));
    const foreign = join(root, 'not-a-run');
    mkdirSync(foreign);

    expect(removeStaleBufferDirectories(root).sort()).toEqual([reused, stale].sort());
    expect(existsSync(live)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
  });
});

describe('bufferRootOf', () => {
  it('takes the option, else MIMOCORB2_BUFFER_ROOT, else the default', () => {
    const env = { MIMOCORB2_BUFFER_ROOT: '/dev/shm/host-b' };
    expect(bufferRootOf(env, '/dev/shm/host-a')).toBe('/dev/shm/host-a');
    expect(bufferRootOf(env)).toBe('/dev/shm/host-b');
    expect(bufferRootOf({})).toBe(DEFAULT_BUFFER_ROOT);
    expect(bufferRootOf({ MIMOCORB2_BUFFER_ROOT: '' })).toBe(DEFAULT_BUFFER_ROOT);
  });
});
