import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { RunStatus } from '../control/live/index.js';
import { RemoteRunError } from '../errors.js';
import { ANSWER_TIMEOUT_MS, ControlClient } from './control-client.js';
import { controlSocketPath } from './run-files.js';

/** A run found in the buffer root: a buffer directory with a control socket. */
export interface LiveRun {
  readonly bufferDirectory: string;
  readonly socketPath: string;
  /** What control answered, or why it did not. */
  readonly status: RunStatus | undefined;
  readonly problem: string | undefined;
}

/** Asks control for its status. */
export async function queryStatus(socketPath: string, timeoutMs = ANSWER_TIMEOUT_MS): Promise<RunStatus> {
  const client = await ControlClient.connect(socketPath, timeoutMs);
  try {
    client.send({ type: 'status' });
    return (await client.next('status', timeoutMs)).status;
  } finally {
    client.close();
  }
}

/**
 * This user's live runs: every buffer directory in `bufferRoot` with a control socket, each with
 * its status, oldest first. A socket left by a control that is gone does not count.
 */
export async function findLiveRuns(bufferRoot: string): Promise<LiveRun[]> {
  let entries: string[];
  try {
    entries = readdirSync(bufferRoot);
  } catch {
    return [];
  }
  const candidates = entries
    .map((entry) => join(bufferRoot, entry))
    .filter((directory) => existsSync(controlSocketPath(directory)));
  const runs = await Promise.all(
    candidates.map(async (bufferDirectory): Promise<LiveRun | undefined> => {
      const socketPath = controlSocketPath(bufferDirectory);
      try {
        return { bufferDirectory, socketPath, status: await queryStatus(socketPath), problem: undefined };
      } catch (error) {
        const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
        // Refused: nobody listens (control was killed); the next run's start removes the directory.
        if (code === 'ECONNREFUSED' || code === 'ENOENT') return undefined;
        return { bufferDirectory, socketPath, status: undefined, problem: (error as Error).message };
      }
    }),
  );
  return runs
    .filter((run): run is LiveRun => run !== undefined)
    .sort((a, b) => (a.status?.startedAt ?? 0) - (b.status?.startedAt ?? 0));
}

/** Whether `name` names the run: its id, its run directory, its buffer directory or control's pid. */
function isNamed(run: LiveRun, name: string): boolean {
  const { status } = run;
  return (
    basename(run.bufferDirectory) === name ||
    (status !== undefined &&
      (status.runId === name || status.runDirectory === resolve(name) || String(status.controlPid) === name))
  );
}

/** A name that fits no live run: the directory of a run that has ended says so. */
function describeNotLive(name: string): string {
  return existsSync(join(resolve(name), 'control.log'))
    ? `the run in '${name}' has ended (its control.log says how)`
    : `no live run named '${name}'`;
}

/**
 * The run `name` names (see isNamed), or the newest live run without one. No such run, or a name
 * that fits several, is a RemoteRunError that lists the live runs.
 */
export async function chooseRun(bufferRoot: string, name: string | undefined): Promise<LiveRun> {
  const runs = await findLiveRuns(bufferRoot);
  const list = () =>
    runs.length === 0
      ? `no live run of yours in ${bufferRoot}`
      : `live runs: ${runs.map((run) => run.status?.runDirectory ?? run.bufferDirectory).join(', ')}`;
  const answering = runs.filter((run) => run.status !== undefined);
  if (name === undefined) {
    const newest = answering.at(-1);
    if (newest === undefined)
      throw new RemoteRunError(`${list()}; start one with mimocorb2 run <setup> --detach`);
    return newest;
  }
  const named = runs.filter((run) => isNamed(run, name));
  if (named.length === 1) return named[0] as LiveRun;
  if (named.length === 0) throw new RemoteRunError(`${describeNotLive(name)} (${list()})`);
  throw new RemoteRunError(
    `'${name}' names ${named.length} live runs: give the run directory instead (${named.map((run) => run.status?.runDirectory).join(', ')})`,
  );
}
