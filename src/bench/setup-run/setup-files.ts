import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { PYTHON_WORKER_MODULE_FILE, PYTHON_WORKER_MODULE_SOURCE } from './python-worker-module.js';
import { WORKER_MODULE_FILE, WORKER_MODULE_SOURCE } from './worker-module.js';

/** A buffer of a benchmark setup, in the setup file's own keys. */
export interface BenchBuffer {
  readonly slot_count: number;
  readonly data_length: number;
  readonly data_dtype: Readonly<Record<string, string>>;
}

/** A worker of a benchmark setup: a function of the bench worker module, or a prebuilt one. */
export interface BenchWorker {
  /** One of worker-module.ts's WorkerFunction names, or a prebuilt function's name. */
  readonly function: string;
  /** `function` names a prebuilt function (exporters.csv): the worker gets no `file:`. */
  readonly prebuilt?: boolean;
  /** The function of the Python bench module (python-worker-module.ts) runs it, in the Python runtime. */
  readonly python?: boolean;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly number_of_processes?: number;
  readonly sources?: readonly string[];
  readonly sinks?: readonly string[];
  readonly observes?: readonly string[];
}

export interface BenchSetup {
  readonly buffers: Readonly<Record<string, BenchBuffer>>;
  readonly workers: Readonly<Record<string, BenchWorker>>;
}

/** Writes the setup (`setup.yaml` unless named) and the worker module into `dir`; returns the setup file's path. */
export function writeSetupFiles(dir: string, setup: BenchSetup, name = 'setup.yaml'): string {
  const workers = Object.fromEntries(
    Object.entries(setup.workers).map(([name, { prebuilt = false, python = false, ...worker }]) => [
      name,
      prebuilt ? worker : { file: python ? PYTHON_WORKER_MODULE_FILE : WORKER_MODULE_FILE, ...worker },
    ]),
  );
  const setupFile = join(dir, name);
  writeFileSync(
    setupFile,
    stringify({ Buffers: setup.buffers, Workers: workers }, { aliasDuplicateObjects: false }),
  );
  writeFileSync(join(dir, WORKER_MODULE_FILE), WORKER_MODULE_SOURCE);
  if (Object.values(setup.workers).some((worker) => worker.python === true))
    writeFileSync(join(dir, PYTHON_WORKER_MODULE_FILE), PYTHON_WORKER_MODULE_SOURCE);
  return setupFile;
}
