/**
 * Everything that must go when the benchmark ends, however it ends: child process groups to kill
 * and directories to remove. Tasks are synchronous, so they also run from an 'exit' handler.
 */
export class CleanupRegistry {
  readonly #tasks = new Map<number, () => void>();
  #nextId = 0;

  /** Registers a task; the returned function runs it now (once) and unregisters it. */
  add(task: () => void): () => void {
    const id = this.#nextId++;
    this.#tasks.set(id, task);
    return () => {
      if (this.#tasks.delete(id)) task();
    };
  }

  get size(): number {
    return this.#tasks.size;
  }

  /** Runs every pending task, newest first (children die before their directories go). */
  runAll(): Error[] {
    const errors: Error[] = [];
    const tasks = [...this.#tasks.values()].reverse();
    this.#tasks.clear();
    for (const task of tasks) {
      try {
        task();
      } catch (error) {
        errors.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return errors;
  }
}

/** Kills a detached child's whole process group; a group that is already gone is fine. */
export function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Runs the registry when this process ends: normally, on an uncaught error, or on Ctrl-C /
 * SIGTERM / SIGHUP (then exits with 128 + the signal number). Returns a function that uninstalls it.
 */
export function installExitCleanup(registry: CleanupRegistry, log: (line: string) => void): () => void {
  const onExit = (): void => {
    for (const error of registry.runAll()) log(`cleanup: ${error.message}`);
  };
  const onSignal = (signal: keyof typeof SIGNAL_EXIT_CODES): void => {
    log(`bench: ${signal}, stopping the benchmark processes and removing their files`);
    onExit();
    process.exit(SIGNAL_EXIT_CODES[signal]);
  };
  const signals = Object.keys(SIGNAL_EXIT_CODES) as (keyof typeof SIGNAL_EXIT_CODES)[];
  process.on('exit', onExit);
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    process.off('exit', onExit);
    for (const signal of signals) process.off(signal, onSignal);
  };
}
