import type { Readable } from 'node:stream';
import type { ControlCommand } from '../control/commands.js';
import { Run, type RunOptions } from '../control/run/run.js';
import type { ConfigOverride } from '../control/setup/index.js';
import { onInterruptSignals } from '../control/interrupt-signals.js';
import { prebuiltModule } from '../functions/registry.js';
import { PlainTerminal } from '../ui/plain-terminal.js';
import { parseHttpAddress } from '../web/http-address.js';
import { resolveToken } from '../web/token.js';
import { WebServer } from '../web/web-server.js';
import { bufferRootOf } from './buffer-root.js';
import { openLiveAccess } from './live-access.js';
import { openTui, type TuiSession } from '../ui/open-tui.js';
import { formatSummary } from '../ui/summary.js';
import { describeError } from './describe-error.js';
import { loadAndCheckSetup } from './setup-check.js';

export type UiMode = 'tui' | 'plain' | 'none';

export interface RunCommandOptions {
  readonly setupFile: string;
  readonly ui: UiMode;
  readonly durationS?: number;
  readonly targetDir?: string;
  /** `--set <worker>.<key>=<value>`: config values over the setup's. */
  readonly configOverrides?: readonly ConfigOverride[];
  /** Where the buffer files go (`--buffer-root`); else $MIMOCORB2_BUFFER_ROOT, else the default. */
  readonly bufferRoot?: string;
  readonly graceS?: number;
  /** A worker's log is rotated beyond this size. */
  readonly logMaxBytes?: number;
  readonly debug?: boolean;
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
  readonly input: Readable;
  /** Test hook: how long each shutdown stage waits. */
  readonly stageTimeoutS?: number;
  /** `--http [host:]port`: serve the web page, /metrics and /api/snapshot there. */
  readonly http?: string;
  /** `--http-token-file`: the page's token (else MIMOCORB2_HTTP_TOKEN, else a random one). */
  readonly httpTokenFile?: string;
  /** `--metrics-public`: /metrics without the token. */
  readonly isMetricsPublic?: boolean;
  /** MIMOCORB2_HTTP_TOKEN and MIMOCORB2_BUFFER_ROOT are read here. @default process.env */
  readonly environment?: NodeJS.ProcessEnv;
  /**
   * Set in the background process of `run --detach`: SIGHUP is ignored, and this is called once
   * the run has started and its first lines are printed (output goes elsewhere after it).
   */
  readonly onDetachedStart?: (runDirectory: string) => void;
}

/**
 * `mimocorb2 run`: validates, starts, supervises and ends a run. Returns the exit code: 0 all
 * workers ended normally, 1 a worker failed, 2 nothing ran (setup or start failed), 130 Ctrl-C.
 */
export async function handleRun(options: RunCommandOptions): Promise<number> {
  const { print, printError } = options;
  const environment = options.environment ?? process.env;
  const isDetached = options.onDetachedStart !== undefined;
  let run: Run;
  let tui: TuiSession | undefined;
  let web: WebServer | undefined;
  // Ctrl-C while the setup is checked or the workers start: stop them all and keep nothing.
  const startAbort = new AbortController();
  const onStartSigint = () => startAbort.abort(new Error('interrupted while starting'));
  const removeStartHandler = onInterruptSignals(onStartSigint, { isDetached });
  try {
    // The page's address and token are checked first, and the port taken before anything starts.
    if (options.http !== undefined)
      web = await WebServer.listen({
        address: parseHttpAddress(options.http),
        token: resolveToken(options.httpTokenFile, environment).token,
        isMetricsPublic: options.isMetricsPublic,
      });
    const setup = await loadAndCheckSetup(options.setupFile, options.targetDir, options.configOverrides);
    for (const warning of setup.warnings) printError(`warning: ${warning}`);
    const runOptions: RunOptions = {
      durationS: options.durationS,
      graceMs: options.graceS === undefined ? undefined : options.graceS * 1000,
      stageTimeoutMs: options.stageTimeoutS === undefined ? undefined : options.stageTimeoutS * 1000,
      logMaxBytes: options.logMaxBytes,
      bufferRoot: bufferRootOf(environment, options.bufferRoot),
      prebuiltFile: prebuiltModule,
      signal: startAbort.signal,
    };
    // Drawn before the workers start, so that its first frames never compete with the data.
    if (options.ui === 'tui')
      tui = await openTui(setup, { print, printError, onInterruptWhileStarting: onStartSigint });
    run = await Run.start(setup, runOptions);
  } catch (error) {
    removeStartHandler();
    tui?.close();
    await web?.close();
    if (startAbort.signal.aborted) {
      printError('interrupted while starting: every worker was stopped and nothing was kept');
      return 130;
    }
    printError(describeError(error, options.debug === true));
    return 2;
  }
  // The TUI handles Ctrl-C itself (its handler is in place since it opened). Headless, the run's
  // handler comes before the start's goes: without any listener a SIGTERM (say, right after the
  // run directory line) would kill control at once and orphan the workers.
  const removeHandler =
    tui === undefined ? onInterruptSignals(() => run.interrupt(), { isDetached }) : undefined;
  removeStartHandler();
  const access = await openLiveAccess(run, web, (message) => printError(message));
  try {
    // The TUI shows notices itself and prints the run directory and the summary once it has
    // restored the terminal.
    if (tui !== undefined) return await tui.attach(access.feed, access.lines);
    return await superviseWithoutTui(run, access.lines, options);
  } finally {
    removeHandler?.();
    await access.feed.finished;
    await access.close();
  }
}

/** Headless and line mode: the run directory first, notices on stderr, the summary at the end. */
async function superviseWithoutTui(
  run: Run,
  firstLines: readonly string[],
  options: RunCommandOptions,
): Promise<number> {
  const { print, printError } = options;
  print(`run directory: ${run.directory.path}`);
  for (const line of firstLines) print(line);
  const overwriting = run.setup.buffers.filter((b) => b.overwrite).map((b) => b.name);
  if (overwriting.length > 0) {
    printError(`note: buffers that overwrite their oldest events when full: ${overwriting.join(', ')}`);
  }
  options.onDetachedStart?.(run.directory.path);
  run.onNotice((message) => printError(message));
  let terminal: PlainTerminal | undefined;
  if (options.ui === 'plain') {
    let exitRequests = 0;
    terminal = new PlainTerminal(
      {
        get snapshot() {
          return run.snapshot;
        },
        get processesAlive() {
          return run.processesAlive;
        },
        execute: (command) => {
          if (command.type === 'exit' && ++exitRequests > 1) run.killAll();
          else executeCommand(run, command, print);
        },
      },
      options.input,
      print,
    );
  }
  try {
    const result = await run.finished;
    for (const line of formatSummary(result)) print(line);
    return result.exitCode;
  } finally {
    terminal?.close();
  }
}

/** Carries out a command from the plain terminal (and later the TUI). */
export function executeCommand(run: Run, command: ControlCommand, print: (line: string) => void): void {
  switch (command.type) {
    case 'pause':
    case 'resume':
      run.setPaused(command.target, command.type === 'pause');
      print(
        `${command.type === 'pause' ? 'paused' : 'resumed'} ${command.target === 'roots' ? 'the root buffers' : 'every buffer'}`,
      );
      return;
    case 'shutdown':
      run.stop(command.target);
      print(command.target === 'roots' ? 'stopping the roots; the chain drains' : 'ending every buffer');
      return;
    case 'shutdown-workers':
      run.killAll();
      print('terminating every worker process');
      return;
    case 'kill':
      print(
        run.kill(command.worker)
          ? `terminating worker '${command.worker}'`
          : `no worker named '${command.worker}'`,
      );
      return;
    case 'exit':
      void run.shutdown();
      return;
    case 'stats':
    case 'help':
      return;
  }
}
