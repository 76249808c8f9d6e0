import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerWorkerModuleResolution } from '../module-resolution.js';
import { isPythonWorkerFile, probePythonWorker, pythonInterpreter } from '../python-worker.js';
import { suggest } from './problems.js';
import type { CheckWorkerExportsOptions, DraftWorker, SetupDraft } from './types.js';

type ModuleResult = { namespace: Readonly<Record<string, unknown>> } | { error: unknown };

/**
 * A check of a setup after its document: imports every worker module and checks that it exports
 * its function (prebuilt workers are checked with the document). Each problem is recorded on the
 * draft at its key. Importing runs each module's top-level code in this process.
 */
export async function checkWorkerExports(
  draft: SetupDraft,
  options: CheckWorkerExportsOptions = {},
): Promise<void> {
  const importModule = options.importModule ?? importWorkerModule;
  const modules = new Map<string, Promise<ModuleResult>>();
  const report: Report = (worker, key, message) => draft.error(['Workers', worker.name, key], message);
  for (const worker of draft.workers) {
    if (worker.file === undefined) continue;
    if (isPythonWorkerFile(worker.file)) {
      checkPythonWorker(worker, worker.file, path.relative(draft.setupDir, worker.file), report);
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
    const shown = path.relative(draft.setupDir, worker.file);
    if ('error' in loaded) {
      report(worker, 'file', `cannot load '${shown}': ${describeError(loaded.error)}`);
    } else {
      checkExport(worker, shown, loaded.namespace, report);
    }
  }
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

type Report = (worker: DraftWorker, key: string, message: string) => void;

// A .py file is loaded by a subprocess of its interpreter (its top-level code never runs in control).
function checkPythonWorker(worker: DraftWorker, file: string, shown: string, report: Report): void {
  const interpreter = pythonInterpreter(worker.python);
  const result = probePythonWorker(interpreter, file, worker.function);
  if (result.error !== undefined) {
    report(worker, 'file', `cannot load '${shown}' with ${interpreter}: ${result.error}`);
  } else if (result.attributeType !== undefined) {
    report(
      worker,
      'function',
      `'${shown}' defines '${worker.function}' as ${result.attributeType}, expected a function`,
    );
  } else if (!result.functions.includes(worker.function)) {
    const known =
      result.functions.length > 0
        ? `it defines the functions ${result.functions.join(', ')}`
        : 'it defines no functions';
    report(
      worker,
      'function',
      `'${shown}' has no function '${worker.function}'${suggest(worker.function, result.functions)}; ${known}`,
    );
  }
}

function checkExport(
  worker: DraftWorker,
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
