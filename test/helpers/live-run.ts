// Runs of `mimocorb2` that live on their own (run --detach, --http) and the commands that reach
// them (status, attach, stop), each test with its own buffer root (MIMOCORB2_BUFFER_ROOT), so
// that `status` and the newest run are this test's only, and with its own token.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { CLI_PATH, processesOfRun, TAG_VARIABLE, useCliRuns } from './cli.js';
import { spawnTracked, waitFor, waitForExit, type ExitStatus, type TrackedChild } from './processes.js';

/** One test's world: its scratch directory, buffer root, target directory, token and process tag. */
export interface LiveSession {
  readonly scratch: string;
  readonly bufferRoot: string;
  readonly targetDir: string;
  readonly token: string;
  readonly tag: string;
  /** The environment every command of the session gets (tag, buffer root, token). */
  readonly env: Readonly<Record<string, string>>;
  /** Starts `node dist/cli.js <args>` in the session's environment (plus `env`). */
  cli(args: readonly string[], env?: Readonly<Record<string, string>>): TrackedChild;
  /** Runs a command to its end and returns its status and output. */
  run(
    args: readonly string[],
    deadlineMs?: number,
  ): Promise<{ status: ExitStatus; stdout: string; stderr: string }>;
}

const sessions: LiveSession[] = [];

/** A fresh session; every process of it is killed and its directories removed after the test. */
export function newSession(): LiveSession {
  const scratch = mkdtempSync(join(tmpdir(), 'mimocorb2-live-'));
  const bufferRoot = join(scratch, 'shm');
  mkdirSync(bufferRoot, { mode: 0o700 });
  const tag = `${process.pid}-live-${sessions.length}-${randomBytes(4).toString('hex')}`;
  const token = randomBytes(24).toString('base64url');
  const env = { [TAG_VARIABLE]: tag, MIMOCORB2_BUFFER_ROOT: bufferRoot, MIMOCORB2_HTTP_TOKEN: token };
  const cli = (args: readonly string[], more: Readonly<Record<string, string>> = {}) => {
    const assignments = Object.entries({ ...env, ...more }).map(([key, value]) => `${key}=${value}`);
    return spawnTracked('env', [...assignments, process.execPath, CLI_PATH, ...args], 'mimocorb2');
  };
  const session: LiveSession = {
    scratch,
    bufferRoot,
    targetDir: join(scratch, 'target'),
    token,
    tag,
    env,
    cli,
    run: async (args, deadlineMs = 30_000) => {
      const child = cli(args);
      const status = await waitForExit(child, deadlineMs);
      return { status, stdout: child.stdout(), stderr: child.stderr() };
    },
  };
  sessions.push(session);
  return session;
}

/** What a session left: live processes of its tag, buffer directories in its root. */
export function leftoversOfSession(session: LiveSession): string[] {
  const left = processesOfRun(session).map((pid) => `process ${pid} alive`);
  if (existsSync(session.bufferRoot))
    for (const entry of readdirSync(session.bufferRoot)) left.push(`buffer directory ${entry}`);
  return left;
}

/**
 * After each test: asserts that its sessions left no process and no buffer directory, then
 * kills and removes what they did leave. Also checks that dist/ is built (useCliRuns).
 */
export function useLiveSessions(): void {
  useCliRuns();
  afterEach(async () => {
    const ended = sessions.splice(0);
    const left = ended.flatMap((session) => leftoversOfSession(session));
    for (const session of ended) {
      for (const pid of processesOfRun(session)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
      await waitFor(
        () => processesOfRun(session).length === 0,
        'the session processes to end',
        5000,
        () => processesOfRun(session),
      );
      rmSync(session.scratch, { recursive: true, force: true });
    }
    expect(left, 'left behind by the live runs of this test').toEqual([]);
  });
}

/** Waits until the session's runs have ended: no process of its tag, no buffer directory. */
export async function waitUntilGone(session: LiveSession, deadlineMs = 30_000): Promise<void> {
  await waitFor(
    () => leftoversOfSession(session).length === 0,
    'the run to end and clean up',
    deadlineMs,
    () => leftoversOfSession(session),
  );
}
