import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DISPLAY_SUBDIRECTORY = 'displays';

/** Where buffer files live by default: RAM-backed, shared between processes. */
export const DEFAULT_BUFFER_ROOT = existsSync('/dev/shm') ? '/dev/shm/mimocorb2' : '/tmp/mimocorb2';
const OWNER_FILE = 'control.json';

interface OwnerRecord {
  readonly pid: number;
  /** The pid's start time in clock ticks since boot (/proc/<pid>/stat field 22): tells pid reuse apart. */
  readonly startTicks: number | null;
}

/** Start time of a process in clock ticks since boot, or null if it is gone (Linux only). */
export function processStartTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19]);
  } catch {
    return null;
  }
}

function isOwnerAlive(owner: OwnerRecord): boolean {
  const ticks = processStartTicks(owner.pid);
  return ticks !== null && (owner.startTicks === null || ticks === owner.startTicks);
}

/**
 * Removes buffer directories left by runs whose control process is gone (killed, crashed).
 * Directories of a live control are never touched. Returns the paths removed.
 */
export function removeStaleBufferDirectories(root = DEFAULT_BUFFER_ROOT): string[] {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const dir = join(root, entry);
    let owner: OwnerRecord;
    try {
      owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as OwnerRecord;
    } catch {
      continue; // not ours, or being created right now
    }
    if (isOwnerAlive(owner)) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

/** Makes this run's buffer directory and records that this process owns it. */
export function createBufferDirectory(runId: string, root = DEFAULT_BUFFER_ROOT): string {
  const dir = join(root, `${runId}_${process.pid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const owner: OwnerRecord = { pid: process.pid, startTicks: processStartTicks(process.pid) };
  writeFileSync(join(dir, OWNER_FILE), JSON.stringify(owner));
  mkdirSync(join(dir, DISPLAY_SUBDIRECTORY), { mode: 0o700 });
  return dir;
}

/** Where the run's worker processes publish their displays (removed with the buffer directory). */
export function displayDirectoryOf(bufferDir: string): string {
  return join(bufferDir, DISPLAY_SUBDIRECTORY);
}

/** Removes this run's buffer directory with whatever is left in it. */
export function removeBufferDirectory(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
