import path from 'node:path';
import { computeLayout } from '../../buffer/index.js';
import { BufferConfigError, formatSetupProblem, SetupError } from '../../errors.js';
import { checkPrebuiltWorkers } from './check-prebuilt.js';
import { ConfigLoader } from './config.js';
import type { SetupContext } from './context.js';
import { readYamlFile, type YamlSource } from './load.js';
import { resolveSetupPath } from './paths.js';
import { ProblemCollector } from './problems.js';
import { toPlainSetup } from './plain.js';
import type {
  LoadSetupOptions,
  ResolvedBuffer,
  ResolvedSetup,
  ResolvedWorker,
  WrittenFile,
} from './types.js';
import { DEFAULT_TARGET_DIRECTORY, validateSetupDocument } from './validate.js';
import type { BufferEntry } from './validate-buffers.js';

/**
 * Loads, validates and resolves a setup file before anything starts. Throws one SetupError that
 * lists every problem found; returns the frozen setup with its warnings.
 */
export function loadSetup(setupFile: string, options: LoadSetupOptions = {}): ResolvedSetup {
  const cwd = options.cwd ?? process.cwd();
  const absoluteFile = path.resolve(cwd, setupFile);
  const result = readYamlFile(absoluteFile, setupFile);
  if (result.kind === 'unreadable') {
    const message = `cannot read the setup file (${absoluteFile}): ${result.reason}`;
    throw new SetupError(setupFile, [{ file: setupFile, keyPath: '', message }]);
  }
  if (result.kind === 'invalid') throw new SetupError(setupFile, result.problems);
  return resolveSetupSource(result.source, absoluteFile, options);
}

function resolveSetupSource(
  source: YamlSource,
  absoluteFile: string,
  options: LoadSetupOptions,
): ResolvedSetup {
  const setupDir = path.dirname(absoluteFile);
  const collector = new ProblemCollector();
  const ctx: SetupContext = {
    source,
    setupDir,
    collector,
    configs: new ConfigLoader(source, setupDir, collector),
  };
  const entries = validateSetupDocument(ctx);

  const workersWithoutFiles: ResolvedWorker[] = entries.workers.map((worker) => ({
    name: worker.name,
    file: worker.file,
    function: worker.function,
    config: { ...entries.baseConfig, ...worker.config },
    numberOfProcesses: worker.number_of_processes,
    sources: worker.sources,
    sinks: worker.sinks,
    observes: worker.observes,
    files: [],
  }));
  const buffers = entries.buffers.map((entry) => resolveBuffer(entry, workersWithoutFiles));
  for (const buffer of buffers) {
    checkBufferSize(ctx, buffer);
    warnAboutWiring(ctx, buffer);
  }
  const files =
    options.prebuilt === undefined
      ? new Map<string, readonly WrittenFile[]>()
      : checkPrebuiltWorkers(ctx, workersWithoutFiles, buffers, options.prebuilt);
  const workers = workersWithoutFiles.map((worker) => ({ ...worker, files: files.get(worker.name) ?? [] }));
  if (collector.problems.length > 0) throw new SetupError(source.file, collector.problems);

  const targetDirectory =
    options.targetDirectory === undefined
      ? resolveSetupPath(entries.targetDirectory ?? DEFAULT_TARGET_DIRECTORY, setupDir)
      : resolveSetupPath(options.targetDirectory, options.cwd ?? process.cwd());
  const setup = {
    setupFile: absoluteFile,
    setupDir,
    targetDirectory,
    buffers,
    workers,
    warnings: collector.warnings.map(formatSetupProblem),
  };
  return deepFreeze({ ...setup, plain: toPlainSetup(setup) });
}

function resolveBuffer(entry: BufferEntry, workers: readonly ResolvedWorker[]): ResolvedBuffer {
  const count = (uses: (worker: ResolvedWorker) => readonly string[]): number =>
    workers
      .filter((worker) => uses(worker).includes(entry.name))
      .reduce((sum, w) => sum + w.numberOfProcesses, 0);
  return {
    name: entry.name,
    slotCount: entry.slot_count,
    dataLength: entry.data_length,
    fields: entry.data_dtype,
    overwrite: entry.overwrite,
    writers: count((worker) => worker.sinks),
    readers: count((worker) => worker.sources),
    observers: count((worker) => worker.observes),
  };
}

// The layout owns the size limits (slot count, 2 GiB per mapping): ask it.
function checkBufferSize(ctx: SetupContext, buffer: ResolvedBuffer): void {
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
