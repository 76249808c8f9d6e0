import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bufferRootOf } from '../../../src/commands/buffer-root.js';
import {
  createBufferDirectory,
  prepareBufferRoot,
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

describe('removeStaleBufferDirectories, more', () => {
  it('removes a directory whose control died before it wrote its owner file, by the pid in its name', () => {
    const root = mkdtempSync(join(tmpdir(), 'buffer-root-'));
    dirs.push(root);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const half = join(root, `run_2026-01-01_00-00-00_${gone}`);
    mkdirSync(half);
    const starting = join(root, `run_2026-01-01_00-00-01_${process.pid}`);
    mkdirSync(starting);
    expect(removeStaleBufferDirectories(root)).toEqual([half]);
    expect(existsSync(starting)).toBe(true);
  });

  it('never touches a link, a file or another user’s directory', () => {
    const root = mkdtempSync(join(tmpdir(), 'buffer-root-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'elsewhere-'));
    dirs.push(root, elsewhere);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(elsewhere, 'control.json'), JSON.stringify({ pid: gone, startTicks: 1 }));
    symlinkSync(elsewhere, join(root, `run_link_${gone}`));
    writeFileSync(join(root, `run_file_${gone}`), '');
    const kept = [join(root, `run_link_${gone}`), join(root, `run_file_${gone}`), elsewhere];
    if (process.getuid?.() === 0) {
      const foreign = join(root, `run_foreign_${gone}`);
      mkdirSync(foreign);
      chownSync(foreign, 65534, 65534);
      kept.push(foreign);
    }
    expect(removeStaleBufferDirectories(root)).toEqual([]);
    for (const path of kept) expect(existsSync(path), path).toBe(true);
  });
});

describe('prepareBufferRoot', () => {
  it('makes the root 0700, and closes an existing one of this user to others', () => {
    const parent = mkdtempSync(join(tmpdir(), 'buffer-parent-'));
    dirs.push(parent);
    const root = join(parent, 'mimocorb2-test');
    prepareBufferRoot(root);
    expect(statSync(root).mode & 0o777).toBe(0o700);
    chmodSync(root, 0o777);
    prepareBufferRoot(root);
    expect(statSync(root).mode & 0o777).toBe(0o700);
  });

  it('refuses a link, a file and (as root) a directory of another user', () => {
    const parent = mkdtempSync(join(tmpdir(), 'buffer-parent-'));
    dirs.push(parent);
    const link = join(parent, 'link');
    symlinkSync(parent, link);
    expect(() => prepareBufferRoot(link)).toThrow(
      `the buffer root ${link} is a symbolic link; remove it (a run makes it as a directory)`,
    );
    const file = join(parent, 'file');
    writeFileSync(file, '');
    expect(() => prepareBufferRoot(file)).toThrow(`the buffer root ${file} is not a directory`);
    if (process.getuid?.() !== 0) return;
    const foreign = join(parent, 'foreign');
    mkdirSync(foreign, { mode: 0o700 });
    chownSync(foreign, 65534, 65534);
    expect(() => prepareBufferRoot(foreign)).toThrow(
      `the buffer root ${foreign} belongs to uid 65534, not to you (uid 0); it is not safe to use: remove it`,
    );
  });

  it('names what is wrong when the root cannot be made', () => {
    expect(() => prepareBufferRoot('/proc/mimocorb2-test')).toThrow(
      /^cannot make the buffer root \/proc\/mimocorb2-test: .*\(E[A-Z]+\)$/,
    );
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
