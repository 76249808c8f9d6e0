// Runs inside a worker process: makes user worker files loadable wherever they are on disk.
import Module, { register } from 'node:module';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { WorkerSetupError } from '../errors.js';
import * as mimocorb2 from '../index.js';
import type { BufferIO } from '../templates/buffer-io.js';

const PACKAGE_NAME = 'mimocorb2';

/** What a worker file exports under the name given in the setup. */
export type WorkerFunction = (io: BufferIO) => unknown;

/** The parts of Node's CommonJS loader that require hooks patch (not in @types/node). */
interface CjsLoader {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

let isRegistered = false;

/**
 * Lets this process import `.ts` files (tsx, only when `typeScript`) and resolves the bare
 * specifier 'mimocorb2' to the running package, for ESM imports and for require(). Both give the
 * module instance this process already runs, so `instanceof` and the package's module state are
 * shared with the entry.
 */
export async function registerWorkerModuleResolution(typeScript: boolean): Promise<void> {
  if (isRegistered) return;
  isRegistered = true;
  // Only on demand: importing tsx has Node lex esbuild's 97 kB CommonJS entry and optimize its lexer.
  if (typeScript) {
    const [tsxCjs, tsxEsm] = await Promise.all([import('tsx/cjs/api'), import('tsx/esm/api')]);
    tsxCjs.register();
    tsxEsm.register();
  }
  // Registered after tsx, so it runs first.
  register('./module-resolve-hook.js', import.meta.url);
  // Returning the loaded namespace, not a path: tsx would compile dist/index.js again as CommonJS,
  // and the copy would have its own module state.
  const loader = Module as unknown as CjsLoader;
  const load = loader._load.bind(Module);
  loader._load = (request, parent, isMain) =>
    request === PACKAGE_NAME ? mimocorb2 : load(request, parent, isMain);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

function exportedNames(namespace: Record<string, unknown>): string[] {
  const names = Object.keys(namespace).filter((name) => name !== 'default');
  const fallback = namespace['default'];
  if (names.length === 0 && isRecord(fallback)) return Object.keys(fallback);
  return names;
}

/**
 * Loads `file` and returns its exported function `functionName` (a named ESM export, or a
 * property of a CommonJS module's exports). Fails naming the worker, the function and the file.
 */
export async function loadWorkerFunction(
  worker: string,
  file: string,
  functionName: string,
): Promise<WorkerFunction> {
  if (!existsSync(file)) {
    throw new WorkerSetupError(
      `worker '${worker}': file '${file}' (for function '${functionName}') does not exist`,
    );
  }
  const namespace: unknown = await import(pathToFileURL(file).href);
  if (!isRecord(namespace))
    throw new WorkerSetupError(`worker '${worker}': '${file}' did not load as a module`);
  const fallback = namespace['default'];
  const candidate = Object.hasOwn(namespace, functionName)
    ? namespace[functionName]
    : isRecord(fallback)
      ? fallback[functionName]
      : undefined;
  if (typeof candidate !== 'function') {
    const names = exportedNames(namespace);
    const found =
      candidate === undefined ? 'no export of that name' : `an export of type ${typeof candidate}`;
    throw new WorkerSetupError(
      `worker '${worker}': function '${functionName}' not found in '${file}' (${found}); ` +
        (names.length > 0 ? `it exports: ${names.join(', ')}` : 'it exports nothing'),
    );
  }
  return (io) => {
    const result: unknown = Reflect.apply(candidate, undefined, [io]);
    return result;
  };
}
