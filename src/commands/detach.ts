// `run --detach`: control runs as a background process in a session of its own, so that closing
// the terminal (an ssh connection that drops: SIGHUP) never reaches it. This process starts it,
// shows what it prints while it starts, and returns once the run is under way.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onInterruptSignals } from '../control/interrupt-signals.js';
import { isRecord } from '../is-record.js';
import type { DetachMessage } from './detached-output.js';

const CLI_SCRIPT = fileURLToPath(new URL('../cli.js', import.meta.url));

export interface DetachOptions {
  /** The arguments of the background `mimocorb2 run` (with --detached-child). */
  readonly args: readonly string[];
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
  readonly environment?: NodeJS.ProcessEnv;
}

/**
 * Starts control in the background and returns once the run has started (exit code 0, after
 * the run directory, the web page and how to reach the run), or with the background process's
 * exit code when the start failed (2; what it printed is shown). Ctrl-C while it starts is
 * passed on: the start is given up and nothing is left behind (130).
 */
export async function handleDetach(options: DetachOptions): Promise<number> {
  const { print, printError } = options;
  const child = spawn(process.execPath, [...process.execArgv, CLI_SCRIPT, ...options.args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: options.environment ?? process.env,
  });
  // What control writes itself (a crash while it starts) is shown as it comes.
  const outputs = [child.stdout, child.stderr] as const;
  outputs[0]?.setEncoding('utf8').on('data', (text: string) => process.stdout.write(text));
  outputs[1]?.setEncoding('utf8').on('data', (text: string) => process.stderr.write(text));
  const removeHandler = onInterruptSignals(() => child.kill('SIGINT'));
  try {
    return await new Promise<number>((resolve) => {
      child.on('message', (message: DetachMessage) => {
        if (!isRecord(message)) return;
        if (message.type === 'output') (message.stream === 'stderr' ? printError : print)(message.line);
        if (message.type !== 'started') return;
        print(
          `detached: control runs in the background (pid ${message.pid}); mimocorb2 status | attach | stop`,
        );
        resolve(0);
      });
      child.once('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 2)));
      child.once('error', (error) => {
        printError(`cannot start control in the background: ${error.message}`);
        resolve(2);
      });
    });
  } finally {
    removeHandler();
    if (child.connected) child.disconnect();
    for (const output of outputs) output?.destroy();
    child.unref();
  }
}
