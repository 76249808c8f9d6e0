import path from 'node:path';
import { computeLayout, DEFAULT_MAX_PROCESSES, MAX_PROCESSES } from '../../buffer/index.js';
import { BufferConfigError, formatSetupProblem, SetupError } from '../../errors.js';
import { checkPrebuiltWorkers } from './check-prebuilt.js';
import { ConfigLoader } from './config.js';
import {
  declaredWorkerNames,
  resolveConfigOverrides,
  warnAboutMisspeltOverrides,
} from './config-overrides.js';
import type { SetupContext } from './context.js';
import { readYamlFile } from './load.js';
import { resolveSetupPath } from './paths.js';
import { ProblemCollector } from './problems.js';
import { toPlainSetup } from './plain.js';
import type {
  DraftWorker,
  LoadSetupOptions,
  ResolvedBuffer,
  ResolvedSetup,
  ResolvedWorker,
  SetupCheck,
  SetupDraft,
  WrittenFile,
} from './types.js';
import { DEFAULT_TARGET_DIRECTORY, validateSetupDocument, type SetupEntries } from './validate.js';
import type { BufferEntry } from './validate-buffers.js';

// A setup is read in stages that each add their problems to one collector: the document (keys,
// types, dtypes, files, configs; prebuilt workers against the registry given as
// options.prebuilt), then the checks given to checkSetup (worker modules export their functions,
// ...). Every stage runs, so one problem never hides another; the setup fails once, at the end,
// with all of them.

/**
 * Loads, validates and resolves a setup file, then runs `checks` on it; throws one SetupError
 * that lists every problem found in any stage, else returns the frozen setup with its warnings.
 */
export async function checkSetup(
  setupFile: string,
  checks: readonly SetupCheck[],
  options: LoadSetupOptions = {},
): Promise<ResolvedSetup> {
  const reading = readSetup(setupFile, options);
  for (const check of checks) await check(reading.draft);
  return reading.finish();
}

/** The document stage alone (no worker module is imported): checkSetup without checks, at once. */
export function loadSetup(setupFile: string, options: LoadSetupOptions = {}): ResolvedSetup {
  return readSetup(setupFile, options).finish();
}

interface SetupReading {
  readonly draft: SetupDraft;
  /** The frozen setup, or a SetupError with every problem recorded so far. */
  finish(): ResolvedSetup;
}

function readSetup(setupFile: string, options: LoadSetupOptions): SetupReading {
  const cwd = options.cwd ?? process.cwd();
  const absoluteFile = path.resolve(cwd, setupFile);
  const result = readYamlFile(absoluteFile, setupFile);
  if (result.kind === 'unreadable') {
    const message = `cannot read the setup file (${absoluteFile}): ${result.reason}`;
    throw new SetupError(setupFile, [{ file: setupFile, keyPath: '', message }]);
  }
  if (result.kind === 'invalid') throw new SetupError(setupFile, result.problems);
  const source = result.source;
  const setupDir = path.dirname(absoluteFile);
  const collector = new ProblemCollector();
  const overrides = resolveConfigOverrides(
    options.configOverrides ?? [],
    declaredWorkerNames(source.value),
    collector,
  );
  const ctx: SetupContext = {
    source,
    setupDir,
    collector,
    configs: new ConfigLoader(source, setupDir, collector),
    overrides,
  };
  const entries = validateSetupDocument(ctx);
  const fileWorkerConfigs = entries.workers
    .filter((worker) => worker.file !== undefined)
    .map((worker) => [worker.name, { ...entries.baseConfig, ...worker.config }] as const);
  warnAboutMisspeltOverrides(overrides, new Map(fileWorkerConfigs), collector);

  const workers = entries.workers.map((worker): DraftWorker => ({
    name: worker.name,
    file: worker.file,
    ...(worker.python === undefined ? {} : { python: worker.python }),
    function: worker.function,
    config:
      worker.config === undefined
        ? undefined
        : { ...entries.baseConfig, ...worker.config, ...overrides.get(worker.name)?.values },
    numberOfProcesses: worker.number_of_processes,
    sources: worker.sources,
    sinks: worker.sinks,
    observes: worker.observes,
    supervision: worker.supervision,
  }));
  const buffers = entries.buffers.map((entry) => resolveBuffer(entry, workers));
  for (const buffer of buffers) {
    checkBufferSize(ctx, buffer);
    warnAboutWiring(ctx, buffer);
  }
  const complete = workers.map(completeWorker);
  const files =
    options.prebuilt === undefined
      ? new Map<string, readonly WrittenFile[]>()
      : checkPrebuiltWorkers(
          ctx,
          complete.filter((worker) => worker !== undefined),
          buffers,
          options.prebuilt,
        );
  const draft: SetupDraft = {
    setupFile: absoluteFile,
    setupDir,
    workers,
    error: (keyPath, message) => collector.error(source, keyPath, message),
    warn: (keyPath, message) => collector.warn(source, keyPath, message),
  };
  const finish = (): ResolvedSetup => {
    if (collector.problems.length > 0) throw new SetupError(source.file, collector.problems);
    // Without problems every key of every worker passed.
    const resolved = complete
      .filter((worker) => worker !== undefined)
      .map((worker) => ({ ...worker, files: files.get(worker.name) ?? [] }));
    if (resolved.length !== workers.length) throw new Error('a worker without problems is incomplete');
    const warnings = collector.warnings.map(formatSetupProblem);
    return freezeSetup(absoluteFile, entries, buffers, resolved, warnings, options);
  };
  return { draft, finish };
}

function freezeSetup(
  absoluteFile: string,
  entries: SetupEntries,
  buffers: readonly ResolvedBuffer[],
  workers: readonly ResolvedWorker[],
  warnings: readonly string[],
  options: LoadSetupOptions,
): ResolvedSetup {
  const setupDir = path.dirname(absoluteFile);
  const targetDirectory =
    options.targetDirectory === undefined
      ? resolveSetupPath(entries.targetDirectory ?? DEFAULT_TARGET_DIRECTORY, setupDir)
      : resolveSetupPath(options.targetDirectory, options.cwd ?? process.cwd());
  const setup = { setupFile: absoluteFile, setupDir, targetDirectory, buffers, workers, warnings };
  return deepFreeze({ ...setup, plain: toPlainSetup(setup) });
}

/** The worker as a ResolvedWorker once every key of its entry passed; undefined while one has a problem. */
function completeWorker(worker: DraftWorker): ResolvedWorker | undefined {
  const { config, numberOfProcesses, sources, sinks, observes, supervision } = worker;
  if (config === undefined || numberOfProcesses === undefined || supervision === undefined) return undefined;
  if (sources === undefined || sinks === undefined || observes === undefined) return undefined;
  return { ...worker, config, numberOfProcesses, sources, sinks, observes, supervision, files: [] };
}

function resolveBuffer(entry: BufferEntry, workers: readonly DraftWorker[]): ResolvedBuffer {
  const count = (
    uses: (worker: DraftWorker) => readonly string[] | undefined,
    lives = (_: DraftWorker) => 1,
  ): number =>
    workers
      .filter((worker) => (uses(worker) ?? []).includes(entry.name))
      .reduce((sum, w) => sum + (w.numberOfProcesses ?? 1) * lives(w), 0);
  // Every process that reads or writes takes an entry in the file, and so does each restart of it.
  const restarted = (worker: DraftWorker) =>
    worker.supervision?.restart === 'on-failure' ? 1 + worker.supervision.maxRestarts : 1;
  const processLives = count((worker) => [...(worker.sources ?? []), ...(worker.sinks ?? [])], restarted);
  return {
    name: entry.name,
    slotCount: entry.slot_count,
    dataLength: entry.data_length,
    fields: entry.data_dtype,
    overwrite: entry.overwrite,
    writers: count((worker) => worker.sinks),
    readers: count((worker) => worker.sources),
    observers: count((worker) => worker.observes),
    maxProcesses: Math.max(DEFAULT_MAX_PROCESSES, processLives),
  };
}

// The layout owns the size limits (slot count, 2 GiB per mapping): ask it.
function checkBufferSize(ctx: SetupContext, buffer: ResolvedBuffer): void {
  if (buffer.maxProcesses > MAX_PROCESSES) {
    ctx.collector.error(
      ctx.source,
      ['Buffers', buffer.name],
      `its readers and writers may start ${buffer.maxProcesses} processes (number_of_processes × (1 + max_restarts)), more than the ${MAX_PROCESSES} a buffer file has entries for; lower max_restarts or number_of_processes`,
      true,
    );
    return;
  }
  try {
    computeLayout(buffer);
  } catch (error) {
    if (!(error instanceof BufferConfigError)) throw error;
    const message = error.message.replace(`buffer '${buffer.name}': `, '');
    ctx.collector.error(ctx.source, ['Buffers', buffer.name], message);
  }
}

function warnAboutWiring(ctx: SetupContext, buffer: ResolvedBuffer): void {
  const where = ['Buffers', buffer.name];
  if (buffer.readers === 0 && buffer.writers === 0 && buffer.observers === 0) {
    ctx.collector.warn(ctx.source, where, 'no worker uses this buffer', true);
    return;
  }
  if (buffer.readers === 0 && !buffer.overwrite) {
    const observed = buffer.observers > 0 ? ' (observers do not free slots)' : '';
    ctx.collector.warn(
      ctx.source,
      where,
      `no worker reads this buffer (none has it in sources); its writers block once it is full${observed}`,
      true,
    );
  }
  if (buffer.writers === 0) {
    ctx.collector.warn(
      ctx.source,
      where,
      'no worker writes this buffer (none has it in sinks); it is ended at once, so its readers do not wait',
      true,
    );
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
