// Runs the real `mimocorb2` command (node dist/cli.js) as a child, and checks afterwards that a run
// left nothing behind: no control or worker process, no buffer directory in /dev/shm/mimocorb2-<uid>.
//
// Every CLI child gets its own tag in its environment (MIMOCORB2_E2E_TAG), which its worker
// processes inherit: a process of the run is one whose /proc/<pid>/environ holds that tag.
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, expect } from 'vitest';
import { processesWithEnv } from '../../src/chaos/processes.js';
import {
  describeChild,
  killProcesses,
  spawnTracked,
  waitFor,
  waitForExit,
  waitForLine,
  type ExitStatus,
  type TrackedChild,
} from './processes.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const E2E_FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'e2e');
export const CLI_PATH = join(REPO_ROOT, 'dist', 'cli.js');
/** Where control makes `<run>_<control pid>/`: one root per user (src/control/run/buffer-directory.ts). */
export const BUFFER_ROOT = join(
  existsSync('/dev/shm') ? '/dev/shm' : tmpdir(),
  `mimocorb2-${process.getuid?.() ?? 0}`,
);
/** The environment variable that tags a run's processes (inherited by its workers). */
export const TAG_VARIABLE = 'MIMOCORB2_E2E_TAG';
/** Deadline for a run of the e2e setups to end (they take about a second). */
export const RUN_DEADLINE_MS = 20_000;

/** One `mimocorb2` child and what belongs to it. */
export interface CliRun {
  readonly child: TrackedChild;
  /** Pid of the control process (setpriv and env exec it, so it is the child's pid). */
  readonly controlPid: number;
  readonly tag: string;
  /** The `--target-dir` given to `run` (not made in advance). */
  readonly targetDir: string;
  /** Where its control makes its buffer directory: the buffer root of the user it runs as. */
  readonly bufferRoot: string;
}

/** Another system user to run the command as (setpriv), for the tests of shared machines. */
export interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

/** A user's buffer root (src/control/run/buffer-directory.ts). */
export function bufferRootOf(uid: number): string {
  return join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), `mimocorb2-${uid}`);
}

/** How a run ended, with its output split into lines. */
export interface CliResult {
  readonly status: ExitStatus;
  readonly stdout: string[];
  readonly stderr: string;
}

const runsOfThisTest: CliRun[] = [];
const scratchDirs: string[] = [];
let tagCount = 0;

export interface StartCliOptions {
  /** Append `--target-dir <scratch>/target`. @default false */
  readonly withTargetDir?: boolean;
  /**
   * The command line that runs the CLI instead of `node dist/cli.js`, e.g. `['timeout', '-s',
   * 'TERM', '2', 'bin/mimocorb2']`; `controlPid` is then the pid of its first program.
   */
  readonly launcher?: readonly string[];
  /** Run it as this other system user (setpriv; the test runs as root). */
  readonly asUser?: RunAs;
  /** Append `--buffer-root <dir>`: the run's buffer directory goes there (a second "host"). */
  readonly bufferRoot?: string;
}

/**
 * Starts `node dist/cli.js <args>` (or `launcher <args>`), tagged, with a fresh scratch dir.
 */
export function startCli(
  args: readonly string[],
  {
    withTargetDir = false,
    launcher = [process.execPath, CLI_PATH],
    asUser,
    bufferRoot,
  }: StartCliOptions = {},
): CliRun {
  const scratch = mkdtempSync(join(tmpdir(), 'mimocorb2-e2e-'));
  scratchDirs.push(scratch);
  if (asUser !== undefined) chownSync(scratch, asUser.uid, asUser.gid);
  const targetDir = join(scratch, 'target');
  const tag = `${process.pid}-${++tagCount}-${Math.random().toString(36).slice(2, 8)}`;
  const argv = [
    ...args,
    ...(withTargetDir ? ['--target-dir', targetDir] : []),
    ...(bufferRoot === undefined ? [] : ['--buffer-root', bufferRoot]),
  ];
  // env (and setpriv) exec node, so the tag is in node's environment and the pid is control's.
  const command = [`${TAG_VARIABLE}=${tag}`, ...launcher, ...argv];
  const child =
    asUser === undefined
      ? spawnTracked('env', command, 'mimocorb2')
      : spawnTracked(
          'setpriv',
          [
            '--reuid',
            String(asUser.uid),
            '--regid',
            String(asUser.gid),
            '--clear-groups',
            '--',
            'env',
            'HOME=/tmp',
            ...command,
          ],
          'mimocorb2',
        );
  const root = bufferRoot ?? (asUser === undefined ? BUFFER_ROOT : bufferRootOf(asUser.uid));
  const run: CliRun = { child, controlPid: child.pid, tag, targetDir, bufferRoot: root };
  runsOfThisTest.push(run);
  return run;
}

/**
 * `mimocorb2 run <setup> <extra> --target-dir <fresh dir>`; a relative setup is in
 * test/fixtures/e2e. With `bufferRoot` the run also gets `--buffer-root <bufferRoot>`; with `asUser`
 * it runs as that system user.
 */
export function startRun(
  setup: string,
  extra: readonly string[] = ['--ui', 'none'],
  bufferRoot?: string,
  asUser?: RunAs,
): CliRun {
  const setupFile = setup.startsWith('/') ? setup : join(E2E_FIXTURES, setup);
  return startCli(['run', setupFile, ...extra], { withTargetDir: true, bufferRoot, asUser });
}

/** Waits for the first stdout line, `run directory: <path>`, and returns the path. */
export async function waitForRunDir(run: CliRun, deadlineMs = RUN_DEADLINE_MS): Promise<string> {
  const match = await waitForLine(run.child, /^run directory: (.+)$/, deadlineMs);
  expect(run.child.lines[0], 'the first line of stdout').toBe(match[0]);
  return match[1] as string;
}

/** Waits for the run to exit and returns its status and output. */
export async function waitForEnd(run: CliRun, deadlineMs = RUN_DEADLINE_MS): Promise<CliResult> {
  let status: Awaited<ReturnType<typeof waitForExit>>;
  try {
    status = await waitForExit(run.child, deadlineMs);
  } catch (error) {
    // A run that hangs says nothing on stdout or stderr: where its workers are is in their logs.
    throw new Error(`${(error as Error).message}; ${describeWorkerLogs(run)}`, { cause: error });
  }
  return { status, stdout: run.child.stdout().split('\n'), stderr: run.child.stderr() };
}

const LOG_TAIL_CHARS = 600;

/** The end of each worker's log in the run's directory under its target directory. */
function describeWorkerLogs(run: CliRun): string {
  const runs = existsSync(run.targetDir)
    ? readdirSync(run.targetDir).filter((name) => name.startsWith('run_'))
    : [];
  const runDir = runs.sort().at(-1);
  if (runDir === undefined) return 'no run directory yet';
  const logsDir = join(run.targetDir, runDir, 'logs');
  const logs = existsSync(logsDir) ? readdirSync(logsDir).filter((name) => name.endsWith('.log')) : [];
  return logs
    .map(
      (name) =>
        `logs/${name}: ${JSON.stringify(readFileSync(join(logsDir, name), 'utf8').slice(-LOG_TAIL_CHARS))}`,
    )
    .join('; ');
}

/** Waits for the run to exit with `code`; fails with its output otherwise. */
export async function expectExit(
  run: CliRun,
  code: number,
  deadlineMs = RUN_DEADLINE_MS,
): Promise<CliResult> {
  const result = await waitForEnd(run, deadlineMs);
  expect(result.status, describeChild(run.child)).toEqual({ code, signal: null });
  return result;
}

/** Waits until the child's stderr matches `pattern`; fails at the deadline or when it exits first. */
export async function waitForStderr(
  run: CliRun,
  pattern: RegExp,
  deadlineMs = RUN_DEADLINE_MS,
): Promise<void> {
  await waitFor(
    () => {
      if (pattern.test(run.child.stderr())) return true;
      if (run.child.exitStatus() !== undefined)
        throw new Error(`exited before stderr matched ${pattern}: ${describeChild(run.child)}`);
      return false;
    },
    `stderr matching ${pattern}`,
    deadlineMs,
    () => describeChild(run.child),
  );
}

/** Sends one line to the child's stdin and waits for a stdout line (after it) matching `answer`. */
export async function command(run: CliRun, line: string, answer: RegExp): Promise<RegExpMatchArray> {
  const from = run.child.lines.length;
  run.child.send(line);
  return waitForLine(run.child, answer, RUN_DEADLINE_MS, from);
}

/** The text of a worker's log in the run directory ('' while it does not exist). */
export function readLog(runDir: string, worker: string): string {
  try {
    return readFileSync(join(runDir, 'logs', `${worker}.log`), 'utf8');
  } catch {
    return '';
  }
}

/** Waits until a line of the worker's log matches `pattern` (a log sends no signal: polled). */
export async function waitForLog(
  run: CliRun,
  runDir: string,
  worker: string,
  pattern: RegExp,
  deadlineMs = RUN_DEADLINE_MS,
): Promise<RegExpMatchArray> {
  let match: RegExpMatchArray | null = null;
  await waitFor(
    () => {
      match = pattern.exec(readLog(runDir, worker));
      if (match === null && run.child.exitStatus() !== undefined)
        throw new Error(
          `the run ended before logs/${worker}.log matched ${pattern}: ${describeChild(run.child)}`,
        );
      return match !== null;
    },
    `logs/${worker}.log matching ${pattern}`,
    deadlineMs,
    () => readLog(runDir, worker).slice(-500),
  );
  return match as unknown as RegExpMatchArray;
}

/** Pids of live processes (not zombies) whose environment holds the run's tag. */
export function processesOfRun(run: Pick<CliRun, 'tag'>): number[] {
  return processesWithEnv(TAG_VARIABLE, run.tag);
}

/** Whether `pid` is a live process of the run whose command line contains `label`. */
export function isProcessOfRun(run: CliRun, pid: number, label: string): boolean {
  if (!processesOfRun(run).includes(pid)) return false;
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(label);
}

/** Buffer directories of the run's control process in its buffer root. */
export function bufferDirsOfRun(run: CliRun): string[] {
  try {
    return readdirSync(run.bufferRoot).filter((entry) => entry.endsWith(`_${run.controlPid}`));
  } catch {
    return [];
  }
}

/** What an ended run left behind: processes, buffer directories. Empty when it cleaned up. */
export function leftoversOf(run: CliRun): string[] {
  const left: string[] = [];
  if (run.child.exitStatus() === undefined) left.push(`control process ${run.controlPid} still running`);
  for (const pid of processesOfRun(run)) {
    if (pid === run.controlPid) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    } catch {
      // Gone meanwhile.
    }
    left.push(`process ${pid} alive: ${cmdline}`);
  }
  for (const dir of bufferDirsOfRun(run)) left.push(`buffer directory ${join(run.bufferRoot, dir)}`);
  return left;
}

/** Asserts that the ended run left no process and no buffer directory. */
export function expectNothingLeft(run: CliRun): void {
  expect(leftoversOf(run), `left behind by ${run.child.name}`).toEqual([]);
}

/** Files and directories in the run's target directory (none when it was never made). */
export function targetDirEntries(run: CliRun): string[] {
  return existsSync(run.targetDir) ? readdirSync(run.targetDir) : [];
}

async function cleanUp(run: CliRun): Promise<void> {
  await killProcesses();
  for (const pid of processesOfRun(run)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  await waitFor(
    () => processesOfRun(run).length === 0,
    `processes of ${run.child.name} to end`,
    5_000,
    () => processesOfRun(run),
  );
  for (const dir of bufferDirsOfRun(run)) rmSync(join(run.bufferRoot, dir), { recursive: true, force: true });
}

/**
 * After each test of the calling file: asserts that every run of the test left nothing behind,
 * then kills and removes whatever it did leave, and removes the runs' scratch directories.
 */
export function useCliRuns(): void {
  beforeAll(() => {
    expect(existsSync(CLI_PATH), `${CLI_PATH} is missing: run \`npm run build\` first`).toBe(true);
    const built = statSync(CLI_PATH).mtimeMs;
    const newest = newestSource(RUN_SOURCES.map((path) => join(REPO_ROOT, 'src', path)));
    expect(newest.mtimeMs <= built, `dist/ is older than ${newest.path}: run \`npm run build\` first`).toBe(
      true,
    );
  });
  afterEach(async () => {
    const runs = runsOfThisTest.splice(0);
    const left = runs.flatMap((run) => leftoversOf(run).map((what) => `${run.child.name}: ${what}`));
    for (const run of runs) await cleanUp(run);
    for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    expect(left, 'left behind by the runs of this test').toEqual([]);
  });
}

/** The sources a headless or line-mode run loads (so a TUI being edited does not count). */
const RUN_SOURCES = [
  'cli.ts',
  'remote',
  'web',
  'index.ts',
  'errors.ts',
  'commands',
  'control',
  'buffer',
  'templates',
  'functions',
];

function newestSource(paths: readonly string[]): { path: string; mtimeMs: number } {
  let newest = { path: '', mtimeMs: 0 };
  for (const path of paths) {
    const candidate = statSync(path).isDirectory()
      ? newestSource(readdirSync(path).map((entry) => join(path, entry)))
      : { path, mtimeMs: statSync(path).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}
