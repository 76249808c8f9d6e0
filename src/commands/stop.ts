import type { RunCommand } from '../control/live/index.js';
import { ControlClient } from '../remote/control-client.js';
import { chooseRun } from '../remote/live-runs.js';
import { formatSummary } from '../ui/summary.js';
import { bufferRootOf } from './buffer-root.js';
import { describeError } from './describe-error.js';

export interface StopCommandOptions {
  /** The run's id, run directory, buffer directory or control pid; the newest without. */
  readonly run: string | undefined;
  /** As the TUI's K: terminate every worker process at once. */
  readonly kill: boolean;
  /** Wait for the run to end and print its summary. @default true */
  readonly wait: boolean;
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
  readonly environment?: NodeJS.ProcessEnv;
}

/**
 * `mimocorb2 stop [run]`: ends a live run in order (the roots stop, the chain drains, then every
 * buffer ends, then what is left is terminated), or with `--kill` terminates every worker at
 * once; waits for the end and prints the summary. Exit code: the run's (0, 1), or 2 when no run
 * could be reached.
 */
export async function handleStop(options: StopCommandOptions): Promise<number> {
  const { print, printError } = options;
  let client: ControlClient;
  let runDirectory: string;
  try {
    const run = await chooseRun(bufferRootOf(options.environment), options.run);
    client = await ControlClient.connect(run.socketPath);
    runDirectory = run.status?.runDirectory ?? run.bufferDirectory;
  } catch (error) {
    printError(describeError(error, false));
    return 2;
  }
  try {
    // The wait goes before the command: a run that ends at once (--kill) closes the connection
    // right after its 'finished' answer, before a wait sent after the reply would arrive.
    const finished = options.wait ? client.next('finished') : undefined;
    finished?.catch(() => undefined); // awaited below, unless the command is refused
    if (options.wait) client.send({ type: 'wait' });
    const command: RunCommand = { type: options.kill ? 'kill-all' : 'shutdown' };
    client.send({ type: 'command', id: 1, command, origin: { program: 'mimocorb2 stop', pid: process.pid } });
    const { reply } = await client.next('reply');
    if (!reply.ok) {
      printError(`${runDirectory}: ${reply.message}`);
      return 2;
    }
    print(`${runDirectory}: ${reply.message}`);
    if (finished === undefined) return 0;
    const { result } = await finished;
    for (const line of formatSummary(result)) print(line);
    return result.exitCode;
  } catch (error) {
    printError(describeError(error, false));
    return 2;
  } finally {
    client.close();
  }
}
