import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect } from 'vitest';

/** Default deadline of every wait in these helpers. */
export const DEFAULT_DEADLINE_MS = 10_000;
const POLL_INTERVAL_MS = 5;
const OUTPUT_TAIL_CHARS = 2_000;

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** How a child ended. */
export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A spawned child whose output is kept, so that waits can fail with what it printed. */
export interface TrackedChild {
  readonly name: string;
  readonly process: ChildProcessWithoutNullStreams;
  readonly pid: number;
  /** Complete stdout lines so far. */
  readonly lines: string[];
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Settles when the child has exited (never rejects). */
  readonly exited: Promise<ExitStatus>;
  /** Set once the child has exited. */
  readonly exitStatus: () => ExitStatus | undefined;
  /** Writes one line to the child's stdin. */
  readonly send: (line: string) => void;
}

const liveChildren = new Set<TrackedChild>();

/** util-linux setpriv, if this machine has it. */
const SETPRIV = (process.env['PATH'] ?? '')
  .split(delimiter)
  .map((dir) => join(dir, 'setpriv'))
  .find((path) => existsSync(path));

/**
 * Spawns `command` with piped stdio and registers it for killProcesses(). Under setpriv the child
 * gets SIGKILL when this test process dies, so a child blocked in a pipe read never outlives a
 * killed test run.
 */
export function spawnTracked(
  command: string,
  args: readonly string[],
  name = basename(command),
  env: NodeJS.ProcessEnv = process.env,
): TrackedChild {
  const [file, argv] =
    SETPRIV === undefined ? [command, args] : [SETPRIV, ['--pdeathsig', 'KILL', '--', command, ...args]];
  const child = spawn(file, argv, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not spawn ${command} ${args.join(' ')}`);
  let stdout = '';
  let stderr = '';
  let partial = '';
  let status: ExitStatus | undefined;
  const lines: string[] = [];
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    child.emit('line');
  });
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  // A child killed in cleanup may leave its stdin pipe broken; that is not a test failure.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('error', (error) => {
      stderr += `\nspawn error: ${error.message}`;
      status = { code: null, signal: null };
      resolve(status);
    });
    // 'close' comes after the stdio streams ended, so the output is complete by then.
    child.once('close', (code, signal) => {
      status = { code, signal };
      resolve(status);
    });
  });
  const tracked: TrackedChild = {
    name: `${name}[${child.pid}]`,
    process: child,
    pid: child.pid,
    lines,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    exitStatus: () => status,
    send: (line) => void child.stdin.write(`${line}\n`),
  };
  liveChildren.add(tracked);
  void exited.then(() => liveChildren.delete(tracked));
  return tracked;
}

/** Runs a fixture script (a path under test/fixtures/) with this Node. */
export function spawnNode(script: string, args: readonly (string | number)[] = []): TrackedChild {
  return spawnTracked(process.execPath, [join(FIXTURES_DIR, script), ...args.map(String)], basename(script));
}

/** SIGKILLs every tracked child still alive and waits for it to be gone. */
export async function killProcesses(): Promise<void> {
  const children = [...liveChildren];
  for (const child of children) child.process.kill('SIGKILL');
  await Promise.all(children.map((child) => child.exited));
}

/** Registers killProcesses() to run after each test of the calling file. */
export function useProcessCleanup(): void {
  afterEach(killProcesses);
}

function tail(text: string): string {
  return text.length > OUTPUT_TAIL_CHARS ? `...${text.slice(-OUTPUT_TAIL_CHARS)}` : text;
}

/** What a child has done so far, for failure messages. */
export function describeChild(child: TrackedChild): string {
  const status = child.exitStatus();
  const state = status ? `exited (code ${status.code}, signal ${status.signal})` : 'running';
  return `${child.name} ${state}; stdout: ${JSON.stringify(tail(child.stdout()))}; stderr: ${JSON.stringify(tail(child.stderr()))}`;
}

/**
 * Resolves with the match of the first stdout line matching `pattern` (from line index
 * `fromLine` on); fails when the child exits without printing it, or at the deadline.
 */
export function waitForLine(
  child: TrackedChild,
  pattern: RegExp,
  deadlineMs = DEFAULT_DEADLINE_MS,
  fromLine = 0,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const find = () => {
      for (const line of child.lines.slice(fromLine)) {
        const match = pattern.exec(line);
        if (match) return match;
      }
      return null;
    };
    const finish = (error: Error | null, match?: RegExpMatchArray) => {
      clearTimeout(timer);
      child.process.off('line', onLine);
      if (match) resolve(match);
      else reject(error ?? new Error('unreachable'));
    };
    const onLine = () => {
      const match = find();
      if (match) finish(null, match);
    };
    const timer = setTimeout(
      () => finish(new Error(`no line matching ${pattern} within ${deadlineMs} ms: ${describeChild(child)}`)),
      deadlineMs,
    );
    child.process.on('line', onLine);
    void child.exited.then(() => {
      const match = find();
      if (match) finish(null, match);
      else finish(new Error(`exited before printing a line matching ${pattern}: ${describeChild(child)}`));
    });
    onLine();
  });
}

/** Parses the JSON after `prefix` on the first stdout line (from `fromLine` on) that starts with it. */
export async function waitForJsonLine<T>(
  child: TrackedChild,
  prefix: string,
  deadlineMs = DEFAULT_DEADLINE_MS,
  fromLine = 0,
): Promise<T> {
  const match = await waitForLine(child, new RegExp(`^${prefix} (.*)$`), deadlineMs, fromLine);
  return JSON.parse(match[1] as string) as T;
}

/** Sends a command line and parses the JSON of the `prefix` line the child answers with. */
export function askJson<T>(
  child: TrackedChild,
  command: string,
  prefix: string,
  deadlineMs = DEFAULT_DEADLINE_MS,
): Promise<T> {
  const fromLine = child.lines.length;
  child.send(command);
  return waitForJsonLine<T>(child, prefix, deadlineMs, fromLine);
}

/** Waits for the child to exit; fails with its output after the deadline. */
export async function waitForExit(
  child: TrackedChild,
  deadlineMs = DEFAULT_DEADLINE_MS,
): Promise<ExitStatus> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`did not exit within ${deadlineMs} ms: ${describeChild(child)}`)),
      deadlineMs,
    );
  });
  try {
    return await Promise.race([child.exited, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for a normal exit (code 0) and fails with the child's output otherwise. */
export async function expectCleanExit(child: TrackedChild, deadlineMs = DEFAULT_DEADLINE_MS): Promise<void> {
  const status = await waitForExit(child, deadlineMs);
  expect(status, describeChild(child)).toEqual({ code: 0, signal: null });
}

/**
 * Polls `check` until it returns true. Use only for state that sends no signal (a counter in a
 * mapped file, a process state); fails after the deadline with `what` and `seen()`.
 */
export async function waitFor(
  check: () => boolean,
  what: string,
  deadlineMs = DEFAULT_DEADLINE_MS,
  seen: () => unknown = () => 'false',
): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > deadlineMs) {
      const last = seen();
      throw new Error(
        `timed out after ${deadlineMs} ms waiting for ${what}; last seen: ${typeof last === 'string' ? last : JSON.stringify(last)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/**
 * Whether the child's main thread sleeps in a pipe read (a Writer or Reader blocked on a FIFO).
 * The kernel names that wait `pipe_read` or `anon_pipe_read` in /proc/<pid>/wchan.
 */
export function isBlockedInPipeRead(child: TrackedChild): boolean {
  try {
    return /pipe/.test(readFileSync(`/proc/${child.pid}/wchan`, 'utf8'));
  } catch {
    return false;
  }
}

/** Waits until every child sleeps in a pipe read; fails if one exits first. */
export async function waitUntilBlockedInPipeRead(
  children: readonly TrackedChild[],
  deadlineMs = DEFAULT_DEADLINE_MS,
): Promise<void> {
  await waitFor(
    () => {
      const gone = children.find((child) => child.exitStatus() !== undefined);
      if (gone) throw new Error(`expected it to block in a pipe read, but it ended: ${describeChild(gone)}`);
      return children.every(isBlockedInPipeRead);
    },
    'every child blocked in a pipe read',
    deadlineMs,
    () => children.map((child) => `${child.name}: ${wchanOf(child)}`).join(', '),
  );
}

function wchanOf(child: TrackedChild): string {
  try {
    return readFileSync(`/proc/${child.pid}/wchan`, 'utf8');
  } catch (error) {
    return (error as Error).message;
  }
}

/** Asserts that `dir` is empty, listing what is left. */
export function expectNoLeftovers(dir: string): void {
  expect(readdirSync(dir), `files left in ${dir}`).toEqual([]);
}
