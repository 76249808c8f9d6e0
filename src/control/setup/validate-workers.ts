import { statSync } from 'node:fs';
import path from 'node:path';
import { checkKnownKeys, checkWholeNumber, requireMapping, type SetupContext } from './context.js';
import { getPathProblem, resolveSetupPath } from './paths.js';
import { describeValue, suggest } from './problems.js';
import type { WorkerSupervision } from './types.js';
import { SUPERVISION_KEYS, validateSupervision } from './validate-supervision.js';

const WORKER_KEYS = [
  'file',
  'function',
  'config',
  'number_of_processes',
  'sources',
  'sinks',
  'observes',
  'python',
  ...SUPERVISION_KEYS,
] as const;
const BUFFER_LISTS = ['sources', 'sinks', 'observes'] as const;
const WORKER_EXTENSIONS = ['.ts', '.js', '.mjs', '.py'];
const WORKER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const PREBUILT_NAME = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/;

/**
 * A Workers entry as far as its keys passed their checks (names as in the setup file): its name,
 * function and file always; a key that has a problem is undefined, so that later checks (does
 * the file export the function?) still run and report theirs.
 */
export interface WorkerEntry {
  readonly name: string;
  /** Absolute path of the module; undefined for a prebuilt function. */
  readonly file: string | undefined;
  /** The interpreter of a `.py` worker file as the setup names it (key `python`); undefined: the default. */
  readonly python: string | undefined;
  readonly function: string;
  /** The worker's own config, merged from its forms (base_config not yet under it). */
  readonly config: Readonly<Record<string, unknown>> | undefined;
  readonly number_of_processes: number | undefined;
  readonly sources: readonly string[] | undefined;
  readonly sinks: readonly string[] | undefined;
  readonly observes: readonly string[] | undefined;
  readonly supervision: WorkerSupervision | undefined;
}

/**
 * Checks one Workers entry against the declared buffer names; undefined when its name, its
 * function or its file has a problem (there is nothing to check further).
 */
export function validateWorkerEntry(
  ctx: SetupContext,
  name: string,
  value: unknown,
  bufferNames: readonly string[],
): WorkerEntry | undefined {
  const keyPath = ['Workers', name];
  let isValid = WORKER_NAME.test(name);
  if (!isValid) {
    ctx.collector.error(
      ctx.source,
      keyPath,
      `worker name ${JSON.stringify(name)} must be letters, digits, '_', '.' or '-' (it names log files)`,
      true,
    );
  }
  const entry = requireMapping(
    ctx,
    keyPath,
    value,
    'a mapping with function (and file, config, sources, sinks, ...)',
  );
  if (entry === undefined) return undefined;
  checkKnownKeys(ctx, keyPath, entry, WORKER_KEYS, 'a worker');

  const functionName = checkFunctionName(ctx, keyPath, entry);
  const checkedFile = checkFile(ctx, keyPath, entry['file']);
  if (checkedFile === undefined) isValid = false;
  const file = checkedFile?.file;
  if (functionName !== undefined && checkedFile !== undefined && file === undefined) {
    isValid = checkPrebuiltName(ctx, keyPath, functionName) && isValid;
  }
  const python = checkPython(ctx, keyPath, entry['python'], checkedFile);
  if (python === null) isValid = false;
  const config = ctx.configs.load(entry['config'], [...keyPath, 'config']);
  const processes = entry['number_of_processes'];
  const numberOfProcesses =
    processes === undefined || processes === null
      ? 1
      : checkWholeNumber(ctx, [...keyPath, 'number_of_processes'], processes, 1);
  const [sources, sinks, observes] = BUFFER_LISTS.map((key) =>
    checkBufferList(ctx, [...keyPath, key], entry[key], bufferNames),
  );
  const supervision = validateSupervision(ctx, keyPath, entry);
  if (!isValid || functionName === undefined) return undefined;
  return {
    name,
    file,
    python: python ?? undefined,
    function: functionName,
    config,
    number_of_processes: numberOfProcesses,
    sources,
    sinks,
    observes,
    supervision,
  };
}

function checkFunctionName(
  ctx: SetupContext,
  keyPath: readonly string[],
  entry: Record<string, unknown>,
): string | undefined {
  const value = entry['function'];
  if (value === undefined) {
    ctx.collector.error(
      ctx.source,
      keyPath,
      "missing key 'function' (the function the worker file exports, or a prebuilt function like exporters.csv)",
      true,
    );
    return undefined;
  }
  if (typeof value === 'string' && value.trim() !== '') return value;
  ctx.collector.error(
    ctx.source,
    [...keyPath, 'function'],
    `expected a function name, got ${describeValue(value)}`,
  );
  return undefined;
}

// Without a file the function is prebuilt, named group.name like the original's functions folder.
function checkPrebuiltName(ctx: SetupContext, keyPath: readonly string[], functionName: string): boolean {
  if (PREBUILT_NAME.test(functionName)) return true;
  ctx.collector.error(
    ctx.source,
    [...keyPath, 'function'],
    `'${functionName}' is not a prebuilt function name (group.name, e.g. exporters.csv); ` +
      `to use your own function, name its .ts, .js, .mjs or .py file with the key 'file'`,
  );
  return false;
}

/** The worker file's absolute path (none: prebuilt); undefined after recording a problem. */
function checkFile(
  ctx: SetupContext,
  keyPath: readonly string[],
  value: unknown,
): { file: string | undefined } | undefined {
  if (value === undefined || value === null || value === '') return { file: undefined };
  const filePath = [...keyPath, 'file'];
  if (typeof value !== 'string') {
    ctx.collector.error(ctx.source, filePath, `expected a file path, got ${describeValue(value)}`);
    return undefined;
  }
  const pathProblem = getPathProblem(value);
  if (pathProblem !== undefined) {
    ctx.collector.error(ctx.source, filePath, pathProblem);
    return undefined;
  }
  const extension = path.extname(value);
  if (!WORKER_EXTENSIONS.includes(extension)) {
    ctx.collector.error(
      ctx.source,
      filePath,
      `'${value}' ${extension === '' ? 'has no extension' : `is a '${extension}' file`}; expected a .ts, .js, .mjs or .py file`,
    );
    return undefined;
  }
  const absolute = resolveSetupPath(value, ctx.setupDir);
  const stat = statSync(absolute, { throwIfNoEntry: false });
  if (stat === undefined || !stat.isFile()) {
    const why = stat === undefined ? 'not found' : 'is not a file';
    ctx.collector.error(ctx.source, filePath, `worker file '${value}' ${why} (looked for ${absolute})`);
    return undefined;
  }
  return { file: absolute };
}

/**
 * The `python` key: the interpreter of a `.py` worker (a command on PATH or a path, `~/` or
 * relative to the setup file when it has a '/'). undefined: not given; null: a problem recorded.
 */
function checkPython(
  ctx: SetupContext,
  keyPath: readonly string[],
  value: unknown,
  checkedFile: { file: string | undefined } | undefined,
): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  const pythonPath = [...keyPath, 'python'];
  if (typeof value !== 'string' || value.trim() === '') {
    ctx.collector.error(
      ctx.source,
      pythonPath,
      `expected the Python interpreter to run the worker file with (e.g. /usr/bin/python3), got ${describeValue(value)}`,
    );
    return null;
  }
  // A file with a problem of its own is reported already.
  const file = checkedFile === undefined ? '' : (checkedFile.file ?? 'a prebuilt function');
  if (file !== '' && path.extname(file) !== '.py') {
    const what = checkedFile?.file === undefined ? file : `'${path.basename(file)}'`;
    ctx.collector.error(
      ctx.source,
      pythonPath,
      `'python' chooses the interpreter of a .py worker file, but this worker runs ${what}; remove the key`,
    );
    return null;
  }
  return value.includes('/') ? resolveSetupPath(value, ctx.setupDir) : value;
}

function checkBufferList(
  ctx: SetupContext,
  keyPath: readonly string[],
  value: unknown,
  bufferNames: readonly string[],
): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    const hint = typeof value === 'string' ? `; write [${value}]` : '';
    ctx.collector.error(
      ctx.source,
      keyPath,
      `expected a list of buffer names, e.g. [raw], got ${describeValue(value)}${hint}`,
    );
    return undefined;
  }
  const names: string[] = [];
  let isValid = true;
  for (const [index, item] of value.entries()) {
    const itemPath = [...keyPath, index];
    if (typeof item !== 'string') {
      ctx.collector.error(ctx.source, itemPath, `expected a buffer name, got ${describeValue(item)}`);
      isValid = false;
    } else if (!bufferNames.includes(item)) {
      const known =
        bufferNames.length > 0 ? `buffers are: ${bufferNames.join(', ')}` : 'no buffers are declared';
      ctx.collector.error(
        ctx.source,
        itemPath,
        `unknown buffer '${item}'${suggest(item, bufferNames)}; ${known}`,
      );
      isValid = false;
    } else if (names.includes(item)) {
      ctx.collector.error(ctx.source, itemPath, `buffer '${item}' is listed twice`);
      isValid = false;
    } else {
      names.push(item);
    }
  }
  return isValid ? names : undefined;
}
