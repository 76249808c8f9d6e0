import { mkdirSync, writeFileSync } from 'node:fs';
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

/** Writes the fully resolved setup into the run directory. */
export function writeRunSetup(run: RunDirectory, yamlText: string): void {
  writeFileSync(run.setupFile, yamlText);
}
