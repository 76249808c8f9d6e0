import { DEFAULT_GRACE_MS, WorkerProcess, type WorkerProcessOptions } from './worker-process.js';

export interface StartWorkersOptions {
  /** SIGTERM → SIGKILL grace when a failed start stops the others. @default 2000 */
  readonly graceMs?: number;
  /** Called with each process right after it is created, before any is started (e.g. to listen for 'exit'). */
  readonly onCreated?: (worker: WorkerProcess) => void;
}

/**
 * The two-phase start of a run: spawns every process, waits until all are ready, then sends go
 * to all. If any fails before ready (load error, template check, exit, timeout), every process is
 * stopped and gone before this rejects with that first WorkerStartError.
 */
export async function startWorkers(
  list: readonly WorkerProcessOptions[],
  options: StartWorkersOptions = {},
): Promise<WorkerProcess[]> {
  const workers = list.map((workerOptions) => new WorkerProcess(workerOptions));
  for (const worker of workers) options.onCreated?.(worker);
  try {
    for (const worker of workers) worker.start();
    await Promise.all(workers.map((worker) => worker.ready));
  } catch (error) {
    await Promise.all(
      workers.map((worker) => worker.terminate({ graceMs: options.graceMs ?? DEFAULT_GRACE_MS })),
    );
    throw error;
  }
  for (const worker of workers) worker.go();
  return workers;
}
