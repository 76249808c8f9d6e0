import { relative } from 'node:path';
import type { RunStatus } from '../control/live/index.js';
import { findLiveRuns, type LiveRun } from '../remote/live-runs.js';
import { formatDuration } from '../ui/format.js';
import { loginUrl, readWebAccess } from '../web/access-file.js';
import { bufferRootOf } from './buffer-root.js';

export interface StatusCommandOptions {
  readonly json: boolean;
  readonly print: (line: string) => void;
  readonly environment?: NodeJS.ProcessEnv;
}

/** A run as `status --json` prints it: its status, and the page's URL with the token. */
interface StatusEntry extends Partial<RunStatus> {
  readonly bufferDirectory: string;
  readonly webUrl: string | undefined;
  readonly problem: string | undefined;
}

function entryOf(run: LiveRun): StatusEntry {
  const access = readWebAccess(run.bufferDirectory);
  return {
    ...run.status,
    bufferDirectory: run.bufferDirectory,
    webUrl: access === undefined ? undefined : loginUrl(access),
    problem: run.problem,
  };
}

/** A path as short as it is clear: relative to here when inside it. */
function shortPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere !== '' && !fromHere.startsWith('..') ? fromHere : path;
}

/**
 * `mimocorb2 status`: this user's live runs, oldest first: setup, run directory, elapsed time,
 * state, processes, and the web page's URL. Exit code 0 (also when none runs).
 */
export async function handleStatus(options: StatusCommandOptions): Promise<number> {
  const root = bufferRootOf(options.environment);
  const entries = (await findLiveRuns(root)).map(entryOf);
  if (options.json) {
    options.print(JSON.stringify({ bufferRoot: root, runs: entries }));
    return 0;
  }
  if (entries.length === 0) {
    options.print(`no live runs of yours (looked in ${root})`);
    return 0;
  }
  for (const entry of entries) {
    if (entry.runId === undefined) {
      options.print(`${entry.bufferDirectory}: control does not answer (${entry.problem ?? 'no status'})`);
      continue;
    }
    const processes = `${entry.processesAlive}/${entry.processesTotal} processes`;
    options.print(
      `${entry.runId}  ${entry.state}  ${formatDuration(entry.elapsed ?? 0)}  ${processes}  control pid ${entry.controlPid}`,
    );
    options.print(`  setup:         ${shortPath(entry.setupFile ?? '')}`);
    options.print(`  run directory: ${entry.runDirectory}`);
    if (entry.webUrl !== undefined) options.print(`  web page:      ${entry.webUrl}`);
  }
  return 0;
}
