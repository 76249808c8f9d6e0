import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerLogPath } from '../../control/log-files.js';
import { BenchError } from '../bench-error.js';
import type { JsonObject } from '../child-handle.js';
import { getCliScript } from '../child-scripts.js';
import type { RunContext } from '../types.js';
import { REPORT_MARKER } from './worker-module.js';

/** What one `mimocorb2 run` of a benchmark setup left behind. */
export interface SetupRunResult {
  readonly runDir: string;
  /** The CLI's (control's) pid; its buffers were in `/dev/shm/mimocorb2-<uid>/<run>_<pid>`. */
  readonly cliPid: number;
  /** Events per buffer, from the summary the CLI prints at the end. */
  readonly bufferEvents: ReadonlyMap<string, number>;
  /** Report lines of the bench workers by worker name, one per process that reported. */
  readonly reports: ReadonlyMap<string, readonly JsonObject[]>;
}

const RUN_DIRECTORY_PREFIX = 'run directory: ';
// `  raw        100,000 events     270,270/s (root)` in the summary's buffers section.
const SUMMARY_BUFFER_LINE = /^\s+(\S+)\s+([\d,]+) events\s/;

/**
 * Runs a setup through the real CLI (`node dist/cli.js run <setup> --ui none --target-dir <dir>`
 * and `more.args`, never npm or npx) and collects the summary and the workers' report lines from their logs.
 * Fails unless the CLI exits with 0 (every worker ended normally).
 */
export async function runSetup(
  runChildren: RunContext['runChildren'],
  setupFile: string,
  targetDir: string,
  workers: readonly string[],
  more: { readonly args?: readonly string[]; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<SetupRunResult> {
  let outcomes;
  try {
    outcomes = await runChildren([
      {
        name: 'mimocorb2 run',
        script: getCliScript(),
        args: ['run', setupFile, '--ui', 'none', '--target-dir', targetDir, ...(more.args ?? [])],
        env: more.env,
        speaksProtocol: false,
      },
    ]);
  } catch (error) {
    const logs = describeLogs(targetDir);
    if (logs === '' || !(error instanceof Error)) throw error;
    throw new BenchError(`${error.message}\n${logs}`, { cause: error });
  }
  const [cli] = outcomes;
  return readSetupRun(cli?.stdoutLines ?? [], cli?.pid ?? -1, workers);
}

/** The result of a finished run from what the CLI printed and the workers' logs. */
export function readSetupRun(
  lines: readonly string[],
  cliPid: number,
  workers: readonly string[],
): SetupRunResult {
  const runDir = lines
    .find((line) => line.startsWith(RUN_DIRECTORY_PREFIX))
    ?.slice(RUN_DIRECTORY_PREFIX.length);
  if (runDir === undefined)
    throw new BenchError(
      `mimocorb2 run printed no '${RUN_DIRECTORY_PREFIX}' line; it printed:\n${lines.join('\n')}`,
    );
  return {
    runDir,
    cliPid,
    bufferEvents: parseBufferEvents(lines),
    reports: new Map(workers.map((worker) => [worker, readReports(join(runDir, 'logs'), worker)])),
  };
}

const LOG_TAIL_CHARS = 1500;

/** The ends of the worker logs of a failed run (its run directory is the only one in `targetDir`). */
export function describeLogs(targetDir: string): string {
  const parts: string[] = [];
  try {
    for (const run of readdirSync(targetDir)) {
      const logDir = join(targetDir, run, 'logs');
      for (const log of readdirSync(logDir)) {
        const text = readFileSync(join(logDir, log), 'utf8').trim();
        if (text !== '') parts.push(`  ${log} ends: ${text.slice(-LOG_TAIL_CHARS)}`);
      }
    }
  } catch {
    // No run directory: the CLI failed before it made one, and its stderr says why.
  }
  return parts.join('\n');
}

/** Events per buffer from the summary lines of `mimocorb2 run` (the `buffers:` section). */
export function parseBufferEvents(lines: readonly string[]): Map<string, number> {
  const events = new Map<string, number>();
  const start = lines.indexOf('buffers:');
  const end = lines.indexOf('workers:');
  if (start < 0 || end < start) return events;
  for (const line of lines.slice(start + 1, end)) {
    const match = SUMMARY_BUFFER_LINE.exec(line);
    if (match) events.set(match[1] as string, Number((match[2] as string).replaceAll(',', '')));
  }
  return events;
}

/** The report lines in a worker's log (`[<process>] mimocorb2-bench {...}`). */
function readReports(logDir: string, worker: string): JsonObject[] {
  let text: string;
  try {
    text = readFileSync(workerLogPath(logDir, worker), 'utf8');
  } catch (error) {
    throw new BenchError(`worker '${worker}' left no log: ${(error as Error).message}`);
  }
  return parseReports(text, worker);
}

/** The report lines (REPORT_MARKER + JSON) in the text of a worker's log. */
export function parseReports(text: string, worker: string): JsonObject[] {
  const reports: JsonObject[] = [];
  for (const line of text.split('\n')) {
    const at = line.indexOf(REPORT_MARKER);
    if (at < 0) continue;
    try {
      reports.push(JSON.parse(line.slice(at + REPORT_MARKER.length)) as JsonObject);
    } catch {
      throw new BenchError(`worker '${worker}' wrote a report that is not JSON: ${line}`);
    }
  }
  return reports;
}
