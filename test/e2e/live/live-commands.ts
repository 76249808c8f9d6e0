// What the live-run tests share: the fixtures, and reading `status --json`.
import { join } from 'node:path';
import { E2E_FIXTURES } from '../../helpers/cli.js';
import type { LiveSession } from '../../helpers/live-run.js';
import { waitFor } from '../../helpers/processes.js';

/** importer (never ends) -> filter -> exporter. */
export const ENDLESS = join(E2E_FIXTURES, 'endless.yaml');
/** The simple example's workers, endless; its printer shows a histogram display. */
export const SIMPLE_ENDLESS = join(E2E_FIXTURES, 'web', 'simple-endless.yaml');

export interface StatusEntry {
  readonly runId: string;
  readonly runDirectory: string;
  readonly setupFile: string;
  readonly controlPid: number;
  readonly state: string;
  readonly elapsed: number;
  readonly processesAlive: number;
  readonly webUrl: string | undefined;
}

/** `mimocorb2 status --json` of the session. */
export async function statusOf(session: LiveSession): Promise<StatusEntry[]> {
  const { status, stdout, stderr } = await session.run(['status', '--json']);
  if (status.code !== 0) throw new Error(`status exited with ${status.code}: ${stderr}`);
  return (JSON.parse(stdout) as { runs: StatusEntry[] }).runs;
}

/** Waits until `status` shows a run for which `isIt` holds, and returns it. */
export async function waitForStatus(
  session: LiveSession,
  what: string,
  isIt: (entry: StatusEntry) => boolean,
  deadlineMs = 20_000,
): Promise<StatusEntry> {
  let seen: StatusEntry[] = [];
  let found: StatusEntry | undefined;
  const deadline = Date.now() + deadlineMs;
  // Each look is a `status` process (about half a second): polled, with a deadline.
  while (found === undefined) {
    seen = await statusOf(session);
    found = seen.find(isIt);
    if (found === undefined && Date.now() > deadline)
      throw new Error(`waited ${deadlineMs} ms for ${what}; status showed ${JSON.stringify(seen)}`);
  }
  return found;
}

/** Polls an asynchronous check (e.g. an HTTP request) every 100 ms until it holds; fails at the deadline. */
export async function waitForAsync(
  check: () => Promise<boolean>,
  what: string,
  deadlineMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waited ${deadlineMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The lines of a command's stdout. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

export { waitFor };
