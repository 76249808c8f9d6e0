import { DEFAULT_GRACE_MS, WorkerProcess, type WorkerProcessOptions } from './worker-process.js';

export interface StartWorkersOptions {
  /** SIGTERM → SIGKILL grace when a failed start stops the others. @default 2000 */
  readonly graceMs?: number;
  /** Called with each process right after it is created, before any is started (e.g. to listen for 'exit'). */
  readonly onCreated?: (worker: WorkerProcess) => void;
  /** Aborting it ends the start like a failure (e.g. Ctrl-C): every process is stopped, then this rejects with its reason. */
  readonly signal?: AbortSignal;
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
    options.signal?.throwIfAborted();
    for (const worker of workers) worker.start();
    await untilAborted(Promise.all(workers.map((worker) => worker.ready)), options.signal);
  } catch (error) {
    await Promise.all(
      workers.map((worker) => worker.terminate({ graceMs: options.graceMs ?? DEFAULT_GRACE_MS })),
    );
    throw error;
  }
  for (const worker of workers) worker.go();
  return workers;
}

/** `promise`, or a rejection with the signal's reason as soon as it is aborted. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(signal.reason instanceof Error ? signal.reason : new Error('the start was aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
