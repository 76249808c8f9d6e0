import { ControlClient } from '../remote/control-client.js';
import { chooseRun } from '../remote/live-runs.js';
import { RemoteRunControl } from '../remote/remote-control.js';
import { readWebAccess, webPageLine } from '../web/access-file.js';
import { showAttachedTui } from '../ui/open-tui.js';
import { formatSummary } from '../ui/summary.js';
import { bufferRootOf } from './buffer-root.js';
import { describeError } from './describe-error.js';

export interface AttachCommandOptions {
  /** The run's id, run directory, buffer directory or control pid; the newest without. */
  readonly run: string | undefined;
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
  readonly environment?: NodeJS.ProcessEnv;
  readonly stdin?: NodeJS.ReadStream;
  readonly stdout?: NodeJS.WriteStream;
}

/**
 * `mimocorb2 attach [run]`: the TUI on a live run (the newest by default). `d` or Ctrl-C
 * detaches and leaves the run going; q asks to shut it down. Exit code 0 after detaching, the
 * run's own once it has finished, 1 when the connection to control was lost, 2 when no run
 * could be reached.
 */
export async function handleAttach(options: AttachCommandOptions): Promise<number> {
  const { print, printError } = options;
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  if (!stdin.isTTY || !stdout.isTTY) {
    printError(
      'mimocorb2 attach shows the terminal UI: run it in a terminal (mimocorb2 status works anywhere)',
    );
    return 2;
  }
  let client: ControlClient;
  let control: RemoteRunControl;
  try {
    const run = await chooseRun(bufferRootOf(options.environment), options.run);
    client = await ControlClient.connect(run.socketPath);
    client.send({ type: 'attach' });
    const access = readWebAccess(run.bufferDirectory);
    const webPage = access === undefined ? [] : [webPageLine(access)];
    control = new RemoteRunControl(client, (await client.next('welcome')).state, webPage);
  } catch (error) {
    printError(describeError(error, false));
    return 2;
  }
  let isLost = false;
  const lost = control.lost.then(() => void (isLost = true));
  try {
    await showAttachedTui(control, lost, { stdin, stdout });
  } finally {
    client.close();
  }
  print(`run directory: ${control.runDirectory}`);
  const result = control.result;
  if (result !== undefined) {
    for (const line of formatSummary(result)) print(line);
    return result.exitCode;
  }
  if (isLost) {
    printError('the connection to control was lost; `mimocorb2 status` shows whether the run goes on');
    return 1;
  }
  print('detached: the run goes on (mimocorb2 attach to come back, mimocorb2 stop to end it)');
  return 0;
}
