import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openWorkerLog } from '../log-files.js';
import { nodeFlags } from '../node-flags.js';
import { isPythonWorkerFile, pythonInterpreter, pythonWorkerCommand } from '../python-worker.js';
import { withPdeathsig, type ParentDeathMode } from './parent-watch.js';
import { withWorkerPrefix, workerPrefix } from './worker-prefix.js';

// The same path from src/control/supervision (tests, tsx) and dist/control/supervision: children
// always run compiled JS.
const ENTRY_PATH = fileURLToPath(new URL('../../../dist/control/worker-entry.js', import.meta.url));

export interface SpawnWorkerOptions {
  /** `worker[index]`: labels the process in ps and top (the last argument, unused otherwise). */
  readonly label: string;
  readonly worker: string;
  readonly logDir: string;
  readonly mode: ParentDeathMode;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** The worker's file: a `.py` file runs in the Python runtime, with `python` (or the default interpreter). */
  readonly file: string;
  readonly python?: string | undefined;
  /** Flags of this node process besides nodeFlags() (a prebuilt function's). */
  readonly nodeFlags?: readonly string[] | undefined;
}

/**
 * Spawns `node worker-entry.js` in its own process group (Ctrl-C in the terminal reaches control
 * only), with stdout and stderr appended to the worker's log file and fds 3 and 4 as the pipes of
 * the start protocol (messages.ts). Throws when it cannot be spawned.
 */
export function spawnWorker(options: SpawnWorkerOptions): ChildProcess {
  const nodeArgs = [...nodeFlags(), ...(options.nodeFlags ?? []), ENTRY_PATH, options.label];
  const env = { ...process.env, ...options.env };
  const { command, args } = isPythonWorkerFile(options.file)
    ? pythonWorkerCommand(pythonInterpreter(options.python, env), options.label)
    : withWorkerPrefix(
        options.mode === 'pdeathsig'
          ? withPdeathsig(nodeArgs)
          : { command: process.execPath, args: nodeArgs },
        workerPrefix(env),
      );
  const logFd = openWorkerLog(options.logDir, options.worker);
  try {
    return spawn(command, args, {
      cwd: options.cwd,
      env,
      detached: true,
      stdio: ['ignore', logFd, logFd, 'pipe', 'pipe'],
    });
  } finally {
    closeSync(logFd);
  }
}
