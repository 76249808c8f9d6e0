import type { Instance } from 'ink';
import { inspect } from 'node:util';
import { onInterruptSignals } from '../control/interrupt-signals.js';
import type { RunFeed } from '../control/live/index.js';
import type { ResolvedSetup } from '../control/setup/index.js';
import { RunControl } from './run-control.js';
import { formatSummary } from './summary.js';
import type { TabDefinition } from './tab-types.js';
import type { TuiControl } from './tui-control.js';

export interface TuiOptions {
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  readonly tabs?: readonly TabDefinition[];
  /** Ctrl-C before the run is attached: the start should be given up. */
  readonly onInterruptWhileStarting?: () => void;
}

/** The TUI on the screen; the run is attached once it has started. */
export interface TuiSession {
  /**
   * Supervises the started run until the person leaves, then restores the terminal, prints the
   * run directory (and `moreLines`, e.g. the web page's address) and the summary (as headless
   * mode does) and returns the run's exit code.
   */
  attach(feed: RunFeed, moreLines?: readonly string[]): Promise<number>;
  /** Leaves the screen without a run (its start failed). */
  close(): void;
}

/** Redraws at most this often; statistics change once a second, keys need a quick answer. */
const MAX_FPS = 10;

const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[2J\u001b[H';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';

// While React and Ink load: their production builds (the development builds take about twice
// the CPU per frame), and no CI variables, with which Ink (is-in-ci) draws nothing until it exits.
const LOADING_ENVIRONMENT: Readonly<Record<string, string | undefined>> = {
  NODE_ENV: process.env['NODE_ENV'] ?? 'production',
  CI: undefined,
  CONTINUOUS_INTEGRATION: undefined,
};

/** Runs `load` with LOADING_ENVIRONMENT, then puts the environment back as it was. */
async function withLoadingEnvironment<T>(load: () => Promise<T>): Promise<T> {
  const saved = Object.keys(LOADING_ENVIRONMENT).map((key) => [key, process.env[key]] as const);
  const set = (key: string, value: string | undefined) => {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  };
  for (const [key, value] of Object.entries(LOADING_ENVIRONMENT)) set(key, value);
  try {
    return await load();
  } finally {
    for (const [key, value] of saved) set(key, value);
  }
}

/**
 * Loads React and Ink and draws the App. Loaded on demand, so that the loading environment never
 * reaches the worker processes (spawned later, with control's environment).
 */
async function renderApp(
  setup: ResolvedSetup | undefined,
  control: TuiControl,
  options: TuiOptions,
): Promise<Instance> {
  const [{ render }, { createElement }, { App }, { warmUpRendering }, { BUILTIN_TABS }] =
    await withLoadingEnvironment(() =>
      Promise.all([
        import('ink'),
        import('react'),
        import('./components/App.js'),
        import('./warm-up.js'),
        import('./tabs.js'),
      ]),
    );
  const stdout = options.stdout ?? process.stdout;
  // An attached TUI draws a run that is under way elsewhere: nothing to warm up for.
  if (setup !== undefined)
    warmUpRendering(setup, control, options.tabs ?? BUILTIN_TABS, stdout.columns || 80);
  stdout.write(ENTER_ALTERNATE_SCREEN);
  return render(createElement(App, { control, tabs: options.tabs }), {
    stdout,
    stdin: options.stdin ?? process.stdin,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: MAX_FPS,
  });
}

/**
 * Opens the terminal UI for a setup that is about to start, and resolves once it is drawn (a
 * first frame and module loading cost about half a second of CPU: better before the data flows).
 * It takes commands at once; they are carried out when the run is attached.
 */
export async function openTui(setup: ResolvedSetup, options: TuiOptions): Promise<TuiSession> {
  const stdout = options.stdout ?? process.stdout;
  const control = new RunControl(setup, options.onInterruptWhileStarting);
  // Ctrl-C in the TUI is a key (raw mode); this covers SIGINT, SIGTERM and SIGHUP sent from
  // elsewhere, after which the TUI leaves by itself once the run has ended, as after Ctrl-C.
  let isSignalled = false;
  let leaveOnSignal: (() => void) | undefined;
  const onSigint = () => {
    isSignalled = true;
    control.interrupt();
    leaveOnSignal?.();
  };
  const restoreScreen = () => void stdout.write(LEAVE_ALTERNATE_SCREEN);
  let instance: Instance;
  try {
    instance = await renderApp(setup, control, options);
  } catch (error) {
    restoreScreen();
    throw error;
  }
  const removeSignalHandler = onInterruptSignals(onSigint);
  process.once('exit', restoreScreen);

  let isClosed = false;
  const close = () => {
    if (isClosed) return;
    isClosed = true;
    removeSignalHandler();
    try {
      instance.unmount();
    } finally {
      restoreScreen();
      process.off('exit', restoreScreen);
    }
  };

  const attach = async (feed: RunFeed, moreLines: readonly string[] = []): Promise<number> => {
    const run = feed.run;
    control.attach(feed, moreLines);
    let failure: unknown;
    // Leave once the run has ended, also when the signal comes after that (the UI then waits for q).
    void run.finished.then(() => {
      leaveOnSignal = () => instance.unmount();
      if (isSignalled) leaveOnSignal();
    });
    try {
      await instance.waitUntilExit();
    } catch (error) {
      failure = error;
    }
    try {
      close();
    } catch (error) {
      failure ??= error;
    }
    options.print(`run directory: ${run.directory.path}`);
    for (const line of moreLines) options.print(line);
    if (failure !== undefined) {
      options.printError(`the terminal UI failed: ${inspect(failure)}; shutting the run down`);
      void run.shutdown();
    }
    const result = await run.finished;
    for (const line of formatSummary(result)) options.print(line);
    return failure !== undefined && result.exitCode === 0 ? 1 : result.exitCode;
  };
  return { attach, close };
}

/**
 * Draws the TUI for a run that control supervises elsewhere (`mimocorb2 attach`) and resolves
 * when the person has left it: by `d` or Ctrl-C (detached), by q after the run, or because
 * `leave` resolved (e.g. the connection to control was lost). A SIGHUP or SIGTERM also leaves.
 */
export async function showAttachedTui(
  control: TuiControl,
  leave: Promise<void>,
  options: Pick<TuiOptions, 'stdout' | 'stdin' | 'tabs'>,
): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const restoreScreen = () => void stdout.write(LEAVE_ALTERNATE_SCREEN);
  let instance: Instance;
  try {
    instance = await renderApp(undefined, control, {
      ...options,
      print: () => undefined,
      printError: () => undefined,
    });
  } catch (error) {
    restoreScreen();
    throw error;
  }
  const unmount = () => instance.unmount();
  process.once('exit', restoreScreen);
  process.on('SIGHUP', unmount);
  process.on('SIGTERM', unmount);
  void leave.then(unmount);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGHUP', unmount);
    process.off('SIGTERM', unmount);
    restoreScreen();
    process.off('exit', restoreScreen);
  }
}
