import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, expect } from 'vitest';
import type { WorkerStartSpec } from '../../../src/control/messages.js';
import { WorkerProcess, type WorkerProcessOptions } from '../../../src/control/supervision/worker-process.js';
import { waitFor } from '../../helpers/processes.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const WORKER_FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'workers');
/** Loading tsx and the package takes a few hundred ms; on a busy 2-core machine much more. */
export const TEST_START_TIMEOUT_MS = 20_000;

/** Children run dist/control/worker-entry.js: fail clearly when it is older than its sources. */
export function useBuiltWorkerEntry(): void {
  beforeAll(() => {
    const entry = join(REPO_ROOT, 'dist', 'control', 'worker-entry.js');
    expect(existsSync(entry), `${entry} is missing: run \`npm run build\` first`).toBe(true);
    const built = statSync(entry).mtimeMs;
    for (const dir of ['src/control', 'src/templates', 'src/buffer']) {
      for (const name of readdirSync(join(REPO_ROOT, dir))) {
        if (!name.endsWith('.ts')) continue;
        const path = join(REPO_ROOT, dir, name);
        expect(statSync(path).mtimeMs <= built, `dist/ is older than ${path}: run \`npm run build\``).toBe(
          true,
        );
      }
    }
  });
}

/** A start spec for a fixture in test/fixtures/workers (or `file` when it is absolute). */
export function makeSpec(
  runDir: string,
  file: string,
  overrides: Partial<WorkerStartSpec> = {},
): WorkerStartSpec {
  return {
    worker: file.replace(/^.*\//, '').replace(/\.\w+$/, ''),
    processIndex: 0,
    file: file.startsWith('/') ? file : join(WORKER_FIXTURES, file),
    functionName: 'main',
    config: {},
    setupDir: WORKER_FIXTURES,
    runDir,
    sources: [],
    sinks: [],
    observes: [],
    ...overrides,
  };
}

/**
 * Makes WorkerProcesses with test-sized durations and SIGKILLs every one still alive after each
 * test, waiting until it is gone.
 */
export function useWorkerProcesses(): (options: WorkerProcessOptions) => WorkerProcess {
  const made: WorkerProcess[] = [];
  afterEach(async () => {
    const all = made.splice(0);
    for (const worker of all) worker.kill();
    await Promise.all(all.map((worker) => worker.exited));
  });
  return (options) => {
    const worker = new WorkerProcess({ startTimeoutMs: TEST_START_TIMEOUT_MS, exitDrainMs: 200, ...options });
    made.push(worker);
    return worker;
  };
}

/** Whether `pid` is a live process (a zombie waiting to be reaped counts as gone). */
export function isProcessAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Waits until `pid` is gone; fails naming what it still was. */
export async function waitUntilGone(pid: number, what: string, deadlineMs = 10_000): Promise<void> {
  await waitFor(
    () => !isProcessAlive(pid),
    `${what} (pid ${pid}) to be gone`,
    deadlineMs,
    () => {
      try {
        return readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').slice(0, 3).join('; ');
      } catch (error) {
        return (error as Error).message;
      }
    },
  );
}

/** The kernel's file-status flags of fd `fd` of process `pid` (octal in /proc/<pid>/fdinfo). */
export function fdFlags(pid: number, fd: number): number {
  const match = /^flags:\s+([0-7]+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
  if (!match?.[1]) throw new Error(`no flags in /proc/${pid}/fdinfo/${fd}`);
  return parseInt(match[1], 8);
}

/** The lines of a worker's log file (empty when it does not exist yet). */
export function readLogLines(runDir: string, worker: string): string[] {
  const path = join(runDir, 'logs', `${worker}.log`);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0);
}

/** The kernel's wait channel of `pid` (e.g. pipe_read while blocked on a FIFO). */
export function wchan(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/wchan`, 'utf8');
  } catch (error) {
    return (error as Error).message;
  }
}
