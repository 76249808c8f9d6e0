import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SetupError, type SetupProblem } from '../../errors.js';
import { registerWorkerModuleResolution } from '../module-resolution.js';
import { suggest } from './problems.js';
import type {
  BufferCount,
  CheckWorkerExportsOptions,
  PrebuiltSignature,
  ResolvedSetup,
  ResolvedWorker,
} from './types.js';

type ModuleResult = { namespace: Readonly<Record<string, unknown>> } | { error: unknown };

/**
 * Imports every worker module and checks that it exports its function, and checks prebuilt
 * functions against the registry and their buffer counts. Throws one SetupError listing every
 * problem. Importing runs each module's top-level code in this process.
 */
export async function checkWorkerExports(
  setup: ResolvedSetup,
  options: CheckWorkerExportsOptions = {},
): Promise<void> {
  const importModule = options.importModule ?? importWorkerModule;
  const relative = path.relative(process.cwd(), setup.setupFile);
  const file = relative.startsWith('..') || path.isAbsolute(relative) ? setup.setupFile : relative;
  const modules = new Map<string, Promise<ModuleResult>>();
  const problems: SetupProblem[] = [];
  const report = (worker: ResolvedWorker, key: string, message: string): void => {
    problems.push({ file, keyPath: `Workers.${worker.name}.${key}`, message });
  };
  for (const worker of setup.workers) {
    if (worker.file === undefined) {
      checkPrebuilt(worker, options, report);
      continue;
    }
    let loading = modules.get(worker.file);
    if (loading === undefined) {
      loading = importModule(worker.file).then(
        (namespace) => ({ namespace }),
        (error: unknown) => ({ error }),
      );
      modules.set(worker.file, loading);
    }
    const loaded = await loading;
    const shown = path.relative(setup.setupDir, worker.file);
    if ('error' in loaded) {
      report(worker, 'file', `cannot load '${shown}': ${describeError(loaded.error)}`);
    } else {
      checkExport(worker, shown, loaded.namespace, report);
    }
  }
  if (problems.length > 0) throw new SetupError(file, problems);
}

/**
 * Imports a worker module the way a worker process does: `.ts` through tsx, and `import ... from
 * 'mimocorb2'` resolved to the running package (which registers both hooks in this process).
 */
export async function importWorkerModule(file: string): Promise<Readonly<Record<string, unknown>>> {
  registerWorkerModuleResolution();
  const { tsImport } = await import('tsx/esm/api');
  const namespace: unknown = await tsImport(pathToFileURL(file).href, import.meta.url);
  return toNamespace(namespace);
}

function toNamespace(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value)) : {};
}

type Report = (worker: ResolvedWorker, key: string, message: string) => void;

function checkExport(
  worker: ResolvedWorker,
  shown: string,
  namespace: Readonly<Record<string, unknown>>,
  report: Report,
): void {
  const exported = namespace[worker.function] ?? fromDefaultExport(namespace, worker.function);
  if (typeof exported === 'function') return;
  if (exported !== undefined) {
    report(
      worker,
      'function',
      `'${shown}' exports '${worker.function}' as ${typeof exported}, expected a function`,
    );
    return;
  }
  const functions = Object.keys(namespace).filter((key) => typeof namespace[key] === 'function');
  const known =
    functions.length > 0 ? `it exports the functions ${functions.join(', ')}` : 'it exports no functions';
  report(
    worker,
    'function',
    `'${shown}' has no export '${worker.function}'${suggest(worker.function, functions)}; ${known}`,
  );
}

// A CommonJS module's functions arrive on its default export.
function fromDefaultExport(namespace: Readonly<Record<string, unknown>>, name: string): unknown {
  const fallback = namespace['default'];
  if ((typeof fallback === 'object' || typeof fallback === 'function') && fallback !== null) {
    return Object.getOwnPropertyDescriptor(fallback, name)?.value;
  }
  return undefined;
}

function checkPrebuilt(worker: ResolvedWorker, options: CheckWorkerExportsOptions, report: Report): void {
  if (options.lookupPrebuilt === undefined) return;
  const signature = options.lookupPrebuilt(worker.function);
  if (signature === undefined) {
    const hint = suggest(worker.function, options.prebuiltNames ?? []);
    report(
      worker,
      'function',
      `unknown prebuilt function '${worker.function}'${hint}; \`mimocorb2 functions\` lists them, ` +
        `or name your own .ts, .js or .mjs file with the key 'file'`,
    );
    return;
  }
  for (const key of ['sources', 'sinks', 'observes'] as const) {
    const allowed = signature[key];
    const given = worker[key].length;
    if (!fits(allowed, given)) {
      const list = worker[key].length > 0 ? ` (${worker[key].join(', ')})` : '';
      report(worker, key, `${worker.function} takes ${describeCount(allowed, key)}, got ${given}${list}`);
    }
  }
}

function fits(count: BufferCount, given: number): boolean {
  if (typeof count === 'number') return given === count;
  return given >= count.min && given <= (count.max ?? Infinity);
}

const NOUNS = {
  sources: ['source', 'sources'],
  sinks: ['sink', 'sinks'],
  observes: ['observed buffer', 'observed buffers'],
} as const;

function describeCount(count: BufferCount, key: keyof PrebuiltSignature): string {
  const [one, many] = NOUNS[key];
  const min = typeof count === 'number' ? count : count.min;
  const max = typeof count === 'number' ? count : count.max;
  if (max === undefined) return `${min} or more ${many}`;
  if (min === max) return `exactly ${min} ${min === 1 ? one : many}`;
  return `${min} to ${max} ${many}`;
}

// One line per problem: the first lines of the message, where a syntax error says what and where.
function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const oneLine = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' ');
  return oneLine.length > 400 ? `${oneLine.slice(0, 400)}...` : oneLine;
}
