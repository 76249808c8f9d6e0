import { lstatSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
 * `_3`, ...: mkdir without `recursive` fails on an existing name, so the claim is atomic.
 */
export function createRunDirectory(targetDirectory: string, now = new Date()): RunDirectory {
  mkdirSync(targetDirectory, { recursive: true });
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
