import type { WorkerStartSpec } from '../messages.js';
import type { ResolvedWorker } from '../setup/index.js';

/** Where a run keeps what its worker processes are told. */
export interface WorkerSpecContext {
  readonly setupDir: string;
  /** Absolute path of the setup file (for files that record where they came from). */
  readonly setupFile?: string;
  readonly runDir: string;
  readonly displayDir: string;
  readonly bufferFile: (name: string) => string;
  /** Resolves a prebuilt function's name to the module that implements it. */
  readonly prebuiltFile?: (name: string) => PrebuiltTarget | undefined;
}

/** The module that implements a prebuilt function, and flags its node processes need. */
export interface PrebuiltTarget {
  readonly file: string;
  readonly functionName: string;
  readonly nodeFlags?: readonly string[];
}

/** What the process `worker[index]` is started with (the same for each restart). */
export function workerStartSpec(
  worker: ResolvedWorker,
  index: number,
  context: WorkerSpecContext,
): WorkerStartSpec {
  const target: PrebuiltTarget | undefined =
    worker.file !== undefined
      ? { file: worker.file, functionName: worker.function }
      : context.prebuiltFile?.(worker.function);
  if (target === undefined)
    throw new Error(`worker '${worker.name}': no prebuilt function '${worker.function}'`);
  return {
    worker: worker.name,
    processIndex: index,
    file: target.file,
    ...(worker.python === undefined ? {} : { python: worker.python }),
    functionName: target.functionName,
    ...(target.nodeFlags === undefined ? {} : { nodeFlags: target.nodeFlags }),
    config: worker.config,
    setupDir: context.setupDir,
    ...(context.setupFile === undefined ? {} : { setupFile: context.setupFile }),
    runDir: context.runDir,
    sources: worker.sources.map(context.bufferFile),
    sinks: worker.sinks.map(context.bufferFile),
    observes: worker.observes.map(context.bufferFile),
    displayDir: context.displayDir,
  };
}
