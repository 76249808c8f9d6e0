// Python worker files (`file: x.py`) run in a Python interpreter with the runtime shipped in
// python/mimocorb2 (no pip install): the interpreter is exec'd directly, so the pid control
// watches and reclaims is the worker's own; the runtime sets its parent-death signal itself.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRecord } from '../is-record.js';

/** The interpreter when neither the worker's `python` key nor MIMOCORB2_PYTHON names one. */
export const DEFAULT_PYTHON = '/usr/bin/python3';

// The same path from src/control (tests, tsx) and dist/control.
const RUNNER_PATH = fileURLToPath(new URL('../../python/run_worker.py', import.meta.url));
const PROBE_TIMEOUT_MS = 30_000;

export function isPythonWorkerFile(file: string): boolean {
  return path.extname(file) === '.py';
}

/** The worker's `python` key, else MIMOCORB2_PYTHON, else /usr/bin/python3. */
export function pythonInterpreter(python: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return python ?? (env['MIMOCORB2_PYTHON'] || DEFAULT_PYTHON);
}

/** The command line of one Python worker process; `-P`: no folder of the caller's shadows the runtime. */
export function pythonWorkerCommand(interpreter: string, label: string): { command: string; args: string[] } {
  return { command: interpreter, args: ['-P', RUNNER_PATH, label] };
}

/** What the probe found in a `.py` worker file. */
export interface PythonProbeResult {
  /** The callables the file defines at top level. */
  readonly functions: readonly string[];
  /** The type name of the requested name when it is defined but not callable. */
  readonly attributeType: string | undefined;
  /** Why the file could not be loaded (with file:line and a Debian package to install when one is missing). */
  readonly error: string | undefined;
}

/**
 * Loads a `.py` worker file in a subprocess of `interpreter` (never in control) and reports what
 * it defines: for `mimocorb2 validate`.
 */
export function probePythonWorker(
  interpreter: string,
  file: string,
  functionName: string,
): PythonProbeResult {
  const probe = spawnSync(interpreter, ['-P', RUNNER_PATH, '--probe', file, functionName], {
    cwd: path.dirname(file),
    encoding: 'utf8',
    timeout: PROBE_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (probe.error !== undefined) {
    const why = (probe.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : probe.error.message;
    return failed(`cannot run the Python interpreter '${interpreter}': ${why}`);
  }
  const line = probe.stdout.trim().split('\n').pop() ?? '';
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    const said = probe.stderr.trim().split('\n').slice(-3).join(' ');
    return failed(`'${interpreter}' could not load it (exit code ${probe.status}): ${said || 'no output'}`);
  }
  if (!isRecord(value)) return failed(`'${interpreter}' gave no answer`);
  const { functions, attribute_type: attributeType, error } = value;
  return {
    functions: Array.isArray(functions) ? functions.filter((name) => typeof name === 'string') : [],
    attributeType: typeof attributeType === 'string' ? attributeType : undefined,
    error: typeof error === 'string' ? error : undefined,
  };
}

function failed(error: string): PythonProbeResult {
  return { functions: [], attributeType: undefined, error };
}
