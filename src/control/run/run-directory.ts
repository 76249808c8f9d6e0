import {
  accessSync,
  constants,
  lstatSync,
  mkdirSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MimocorbError } from '../../errors.js';
import { describeFileError, makeDirectory } from '../../make-directory.js';

/** The target directory cannot hold a run directory: nothing was started. */
export class TargetDirectoryError extends MimocorbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_TARGET_DIRECTORY', message, options);
    this.name = 'TargetDirectoryError';
  }
}

/** A run's directory in the target directory, and the names of what it holds. */
export interface RunDirectory {
  readonly path: string;
  /** `run_<date>_<time>[_n]`, unique in the target directory. */
  readonly id: string;
  readonly logsDir: string;
  readonly setupFile: string;
  readonly statsFile: string;
  readonly dataFlowFile: string;
  /** The pictures of the displays' last frames, made at the end when there are displays. */
  readonly displaysDir: string;
  /** The target directory and its parents that this run made, outermost first (none existed). */
  readonly madeDirectories: readonly string[];
}

/**
 * What control itself keeps in a run directory (`/`-ended: a directory); no worker may write these.
 * control.log is reserved for control's own log.
 */
export const CONTROL_FILES = [
  'setup.yaml',
  'stats.csv',
  'data_flow.svg',
  'control.log',
  'logs/',
  'displays/',
] as const;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `run_2025-07-29_14-03-59`, in local time like the original. */
export function runDirectoryName(date: Date): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}-${pad(date.getMinutes())}-${pad(date.getSeconds())}`;
  return `run_${day}_${time}`;
}

/**
 * Makes a new run directory with its `logs/`. Two runs started in the same second get `_2`,
 * `_3`, ...: mkdir without `recursive` fails on an existing name, so the claim is atomic. A target
 * directory that cannot be made or written fails with a TargetDirectoryError that says why.
 */
export function createRunDirectory(targetDirectory: string, now = new Date()): RunDirectory {
  try {
    return claimRunDirectory(targetDirectory, now);
  } catch (error) {
    throw new TargetDirectoryError(
      `cannot make the run directory in the target directory ${targetDirectory} (target_directory, or --target-dir): ${describeFileError(error)}`,
      { cause: error },
    );
  }
}

// statfs f_type of file systems that hold no user files (linux/magic.h).
const PSEUDO_FILE_SYSTEMS: Readonly<Record<number, string>> = {
  0x9fa0: 'proc',
  0x62656572: 'sysfs',
  0x1cd1: 'devpts',
  0x27e0eb: 'cgroup',
  0x63677270: 'cgroup2',
  0x64626720: 'debugfs',
  0x74726163: 'tracefs',
  0x73636673: 'securityfs',
  0xcafe4a11: 'bpf',
};

/**
 * Checks, making nothing, that a run directory could be made in `targetDirectory`: its nearest
 * existing ancestor is a directory this process may write, on a file system that holds files.
 * Throws the TargetDirectoryError that createRunDirectory would, at once (before any slow check).
 */
export function checkTargetDirectory(targetDirectory: string): void {
  let existing = resolve(targetDirectory);
  while (!exists(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const fail = (why: string): never => {
    throw new TargetDirectoryError(
      `cannot make the run directory in the target directory ${targetDirectory} (target_directory, or --target-dir): ${why}`,
    );
  };
  let stat;
  try {
    stat = statSync(existing);
    if (stat.isDirectory()) accessSync(existing, constants.W_OK | constants.X_OK);
  } catch (error) {
    fail(describeFileError(error));
  }
  if (stat?.isDirectory() !== true) fail(`${existing}: is not a directory (ENOTDIR)`);
  const kind = PSEUDO_FILE_SYSTEMS[statfsSync(existing).type];
  if (kind !== undefined) fail(`${existing}: is on the ${kind} file system, which holds no files`);
}

/** Whether something is at `path` (ENOTDIR: a parent is a file, so no). */
function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function claimRunDirectory(targetDirectory: string, now: Date): RunDirectory {
  const madeDirectories = makeDirectory(targetDirectory);
  const base = runDirectoryName(now);
  for (let attempt = 1; ; attempt++) {
    const id = attempt === 1 ? base : `${base}_${attempt}`;
    const path = join(targetDirectory, id);
    try {
      mkdirSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    const logsDir = join(path, 'logs');
    mkdirSync(logsDir);
    return {
      path,
      id,
      logsDir,
      setupFile: join(path, 'setup.yaml'),
      statsFile: join(path, 'stats.csv'),
      dataFlowFile: join(path, 'data_flow.svg'),
      displaysDir: join(path, 'displays'),
      madeDirectories,
    };
  }
}

/** The link in the target directory to the newest run directory. */
export const LATEST_LINK = 'latest';

/**
 * Points `<target directory>/latest` at this run's directory (a relative symbolic link, so the
 * target directory may move), replacing the previous link atomically: made under a temporary name,
 * then renamed over it, so a reader never finds it missing. Returns why it could not, or undefined;
 * anything but a link at that name (a directory of the user's) is left alone.
 */
export function linkLatestRun(targetDirectory: string, run: RunDirectory): string | undefined {
  const link = join(targetDirectory, LATEST_LINK);
  const temporary = `${link}.${process.pid}.tmp`;
  const existing = lstatSync(link, { throwIfNoEntry: false });
  if (existing !== undefined && !existing.isSymbolicLink()) {
    return `${link} is not a link, so it was left alone and does not point at ${run.id}`;
  }
  try {
    rmSync(temporary, { force: true });
    symlinkSync(run.id, temporary);
    renameSync(temporary, link);
    return undefined;
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return `${link} was not pointed at ${run.id}: ${reason}`;
  }
}

/** Writes the fully resolved setup into the run directory. */
export function writeRunSetup(run: RunDirectory, yamlText: string): void {
  writeFileSync(run.setupFile, yamlText);
}
