import { render, type Instance } from 'ink';
import { inspect } from 'node:util';
import { LogFollower } from '../control/logs/index.js';
import type { Run } from '../control/run/run.js';
import { App } from './components/App.js';
import { createRunControl } from './run-control.js';
import { formatSummary } from './summary.js';
import type { TabDefinition } from './tab-types.js';

export interface RunTuiOptions {
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  readonly tabs?: readonly TabDefinition[];
}

/** Redraws at most this often; statistics change once a second, keys need a quick answer. */
const MAX_FPS = 10;

const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[2J\u001b[H';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';

/**
 * Runs the terminal UI over a started run until the person leaves, then restores the terminal,
 * prints the summary (as headless mode does) and returns the run's exit code.
 */
export async function runTui(run: Run, options: RunTuiOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const follower = new LogFollower(
    run.directory.logsDir,
    run.setup.workers.map((worker) => worker.name),
  ).start();
  void run.finished.then(() => follower.close());
  const control = createRunControl(run, follower);
  let instance: Instance | undefined;
  // Ctrl-C in the TUI is a key (raw mode); this covers a SIGINT sent from elsewhere, after which
  // the TUI leaves by itself once the run has ended, as it does after Ctrl-C.
  let isSignalled = false;
  const onSigint = () => {
    isSignalled = true;
    control.interrupt();
  };
  process.on('SIGINT', onSigint);
  void run.finished.then(() => {
    if (isSignalled) instance?.unmount();
  });
  const restoreScreen = () => stdout.write(LEAVE_ALTERNATE_SCREEN);
  process.once('exit', restoreScreen);
  stdout.write(ENTER_ALTERNATE_SCREEN);
  let failure: unknown;
  try {
    instance = render(<App control={control} tabs={options.tabs} />, {
      stdout,
      stdin: options.stdin ?? process.stdin,
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: MAX_FPS,
    });
    await instance.waitUntilExit();
  } catch (error) {
    failure = error;
  } finally {
    instance?.unmount();
    restoreScreen();
    process.off('exit', restoreScreen);
  }
  if (failure !== undefined) {
    options.printError(`the terminal UI failed: ${inspect(failure)}; shutting the run down`);
    void run.shutdown();
  }
  try {
    const result = await run.finished;
    for (const line of formatSummary(result)) options.print(line);
    return failure !== undefined && result.exitCode === 0 ? 1 : result.exitCode;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
