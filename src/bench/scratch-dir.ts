import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'mimocorb2-bench-';

/** A directory of one benchmark run, removed by remove() (idempotent). */
export interface ScratchDir {
  readonly path: string;
  remove(): void;
}

/** RAM-backed /dev/shm when there is one (as in a real run), else the system's temp directory. */
export function getScratchRoot(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** Makes `<root>/mimocorb2-bench-<pid>-XXXXXX`; the pid lets a later run tell whether its owner is gone. */
export function makeScratchDir(root = getScratchRoot()): ScratchDir {
  const path = mkdtempSync(join(root, `${PREFIX}${process.pid}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes directories left by benchmark processes that were killed before they could clean up. */
export function removeStaleScratchDirs(root = getScratchRoot()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    const match = /^mimocorb2-bench-(\d+)-/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
    removed.push(join(root, name));
  }
  return removed;
}
