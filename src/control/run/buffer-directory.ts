import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MimocorbError } from '../../errors.js';
import { describeFileError, makeDirectory } from '../../make-directory.js';

const DISPLAY_SUBDIRECTORY = 'displays';
const OWNER_FILE = 'control.json';
/** A run's buffer directory is `<run id>_<control pid>`. */
const RUN_DIRECTORY = /^run_.*_(\d+)$/;

function userId(): number {
  return process.getuid?.() ?? 0;
}

/**
 * Where buffer files live by default: RAM-backed, one root per user (`/dev/shm/mimocorb2-<uid>`),
 * so that users of one machine never see, block or remove each other's runs.
 */
export const DEFAULT_BUFFER_ROOT = join(
  existsSync('/dev/shm') ? '/dev/shm' : tmpdir(),
  `mimocorb2-${userId()}`,
);

/** A buffer root that is not safe to use: someone else's, a link, not a directory. */
export class BufferRootError extends MimocorbError {
  constructor(message: string) {
    super('ERR_BUFFER_ROOT', message);
    this.name = 'BufferRootError';
  }
}

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

/** Whether `path` is a real directory (not a link) of this user. */
function isOwnDirectory(path: string): boolean {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  return stat !== undefined && stat.isDirectory() && stat.uid === userId();
}

/**
 * Makes the buffer root if needed (0700) and checks that it is a directory, not a link, owned by
 * this user and closed to others; one that is someone else's is refused, since its owner could
 * read, block or replace this run's buffers.
 */
export function prepareBufferRoot(root = DEFAULT_BUFFER_ROOT): void {
  try {
    makeDirectory(join(root, '..'));
    mkdirSync(root, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new BufferRootError(`cannot make the buffer root ${root}: ${describeFileError(error)}`);
  }
  const stat = lstatSync(root);
  const uid = userId();
  const what = stat.isSymbolicLink() ? 'a symbolic link' : stat.isDirectory() ? undefined : 'not a directory';
  if (what !== undefined)
    throw new BufferRootError(
      `the buffer root ${root} is ${what}; remove it (a run makes it as a directory)`,
    );
  if (stat.uid !== uid)
    throw new BufferRootError(
      `the buffer root ${root} belongs to uid ${stat.uid}, not to you (uid ${uid}); it is not safe to use: remove it`,
    );
  if ((stat.mode & 0o077) !== 0) chmodSync(root, 0o700);
}

/**
 * Removes buffer directories left in `root` by runs whose control process is gone (killed,
 * crashed, also during its start). Directories of a live control, and anything that is not this
 * user's own directory, are never touched. Returns the paths removed.
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
    if (!isOwnDirectory(dir)) continue;
    const owner = readOwner(dir, entry);
    if (owner === undefined || isOwnerAlive(owner)) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

/** Who made a run's buffer directory: its owner file, else the pid in its name (killed while starting). */
function readOwner(dir: string, entry: string): OwnerRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as OwnerRecord;
  } catch {
    const pid = RUN_DIRECTORY.exec(entry)?.[1];
    // Without the start time a live pid may be a reused one; it is kept then, to be safe.
    return pid === undefined ? undefined : { pid: Number(pid), startTicks: null };
  }
}

/** Makes this run's buffer directory (0700) in a prepared root and records that this process owns it. */
export function createBufferDirectory(runId: string, root = DEFAULT_BUFFER_ROOT): string {
  const dir = join(root, `${runId}_${process.pid}`);
  mkdirSync(dir, { mode: 0o700 });
  const owner: OwnerRecord = { pid: process.pid, startTicks: processStartTicks(process.pid) };
  writeFileSync(join(dir, OWNER_FILE), JSON.stringify(owner), { mode: 0o600 });
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
