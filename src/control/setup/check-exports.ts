import path from 'node:path';
import { isPythonWorkerFile, probePythonWorker, pythonInterpreter } from '../python-worker.js';
import type { ModuleExports } from './module-description.js';
import { readModuleExports } from './module-exports.js';
import { suggest } from './problems.js';
import type { CheckWorkerExportsOptions, DraftWorker, SetupDraft } from './types.js';

/**
 * A check of a setup after its document: imports every worker module (in a child process, so that
 * a module that throws, loops or exits at its top level cannot take control with it; a .py file
 * in its interpreter) and checks that it exports its function (prebuilt workers are checked with
 * the document). Each problem is recorded on the draft at its key.
 */
export async function checkWorkerExports(
  draft: SetupDraft,
  options: CheckWorkerExportsOptions = {},
): Promise<void> {
  const readExports = options.readExports ?? readModuleExports;
  const report: Report = (worker, key, message) => draft.error(['Workers', worker.name, key], message);
  const files = [
    ...new Set(
      draft.workers.flatMap((worker) =>
        worker.file === undefined || isPythonWorkerFile(worker.file) ? [] : [worker.file],
      ),
    ),
  ];
  const modules = await readExports(files);
  for (const worker of draft.workers) {
    if (worker.file === undefined) continue;
    const shown = path.relative(draft.setupDir, worker.file);
    if (isPythonWorkerFile(worker.file)) {
      checkPythonWorker(worker, worker.file, shown, report);
      continue;
    }
    const loaded = modules.get(worker.file) ?? { error: 'not checked' };
    if ('error' in loaded) report(worker, 'file', `cannot load '${shown}': ${loaded.error}`);
    else checkExport(worker, shown, loaded.exports, report);
  }
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

function checkExport(worker: DraftWorker, shown: string, exports: ModuleExports, report: Report): void {
  const type = exports[worker.function];
  if (type === 'function') return;
  if (type !== undefined) {
    report(worker, 'function', `'${shown}' exports '${worker.function}' as ${type}, expected a function`);
    return;
  }
  const functions = Object.keys(exports).filter((key) => exports[key] === 'function');
  const known =
    functions.length > 0 ? `it exports the functions ${functions.join(', ')}` : 'it exports no functions';
  report(
    worker,
    'function',
    `'${shown}' has no export '${worker.function}'${suggest(worker.function, functions)}; ${known}`,
  );
}
