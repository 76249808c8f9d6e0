import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerLogPath } from '../../control/log-files.js';
import { BenchError } from '../bench-error.js';
import { getCliScript } from '../child-scripts.js';
import { pollUntil } from '../tmux-pane.js';
import type { RunContext } from '../types.js';
import { describeLogs, readSetupRun, type SetupRunResult } from './run-setup.js';
import { REPORT_MARKER } from './worker-module.js';

// A terminal of a usual size: the TUI draws every tab's rows and the charts' full width.
const COLUMNS = 120;
const ROWS = 40;
// While the data flows only a file is looked at (a stat and a small read), so that the watching
// costs the run next to nothing; the screen is read every few looks, in case the run failed.
const DATA_LOOK_MS = 250;
const SCREEN_EVERY_LOOKS = 8;
const AFTER_DATA_LOOK_MS = 100;
const FINISHED_PROMPT = 'press q to exit';

/** Whether `worker`'s log in the (only) run directory under `targetDir` holds its report. */
function hasReported(targetDir: string, worker: string): boolean {
  if (!existsSync(targetDir)) return false;
  for (const run of readdirSync(targetDir)) {
    const log = workerLogPath(join(targetDir, run, 'logs'), worker);
    if (existsSync(log) && readFileSync(log, 'utf8').includes(REPORT_MARKER)) return true;
  }
  return false;
}

/**
 * Runs a setup through the real CLI with its terminal UI (`--ui tui`) in a tmux pane, as a person
 * watches a run: once `lastWorker` has reported and the TUI says the run finished, presses q and
 * reads the summary the CLI prints after leaving the screen. Fails unless the CLI exits with 0.
 */
export async function runSetupInTui(
  context: RunContext,
  setupFile: string,
  targetDir: string,
  workers: readonly string[],
  lastWorker: string,
): Promise<SetupRunResult> {
  const pane = context.openTmuxPane({
    script: getCliScript(),
    args: ['run', setupFile, '--ui', 'tui', '--target-dir', targetDir],
    columns: COLUMNS,
    rows: ROWS,
  });
  const deadline = Date.now() + context.deadlineMs;
  const describeScreen = () => `the screen was:\n${pane.screen()}`;
  try {
    let looks = 0;
    await pollUntil(
      `worker '${lastWorker}' to report`,
      () => {
        looks++;
        if (hasReported(targetDir, lastWorker)) return true;
        return looks % SCREEN_EVERY_LOOKS === 0 && pane.screen().includes(FINISHED_PROMPT) ? true : undefined;
      },
      DATA_LOOK_MS,
      deadline,
      describeScreen,
    );
    await pollUntil(
      `'${FINISHED_PROMPT}'`,
      () => (pane.screen().includes(FINISHED_PROMPT) ? true : undefined),
      AFTER_DATA_LOOK_MS,
      deadline,
      describeScreen,
    );
    const pid = pane.pid();
    pane.press('q');
    const status = await pollUntil(
      'the CLI to exit after q',
      () => pane.exitStatus(),
      AFTER_DATA_LOOK_MS,
      deadline,
      describeScreen,
    );
    const lines = pane.history();
    if (status !== 0)
      throw new BenchError(
        `mimocorb2 run --ui tui exited with ${status}; the terminal showed:\n${lines.join('\n').trim()}`,
      );
    return readSetupRun(lines, pid ?? -1, workers);
  } catch (error) {
    const logs = describeLogs(targetDir);
    if (logs === '' || !(error instanceof Error)) throw error;
    throw new BenchError(`${error.message}\n${logs}`, { cause: error });
  } finally {
    pane.close();
  }
}
