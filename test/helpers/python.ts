// Python with numpy for tests that read what mimocorb2 writes the way a physicist does: Debian's
// numpy (/usr/bin/python3; .ci/run installs python3-numpy), or any python3 on PATH that has numpy.
// Without one those tests are skipped, saying so once.
import { spawn, spawnSync } from 'node:child_process';
import { expect } from 'vitest';

function findPythonWithNumpy(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', 'import numpy'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return undefined;
}

/** A python3 that imports numpy, or undefined. */
export const PYTHON = findPythonWithNumpy();
if (PYTHON === undefined) {
  process.stderr.write(
    'SKIPPED: tests that read files with numpy need a python3 with numpy (/usr/bin/python3 or python3 on PATH): apt-get install python3-numpy\n',
  );
}

/** The title of a describe block that needs numpy. */
export const PYTHON_TITLE = PYTHON ?? 'no python3 with numpy: skipped';

export interface PythonResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `python3 -B <args>` in `cwd` and returns what it printed. */
export function python(args: readonly string[], cwd?: string, timeoutMs = 60_000): Promise<PythonResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON ?? 'python3', ['-B', ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a Python program (`-c`) that prints one JSON value, and returns that value. */
export async function pythonJson<T>(program: string, ...args: string[]): Promise<T> {
  const result = await python(['-c', program, ...args]);
  expect(result.stderr, 'python3 stderr').toBe('');
  expect(result.code, 'python3 exit code').toBe(0);
  return JSON.parse(result.stdout) as T;
}

/**
 * Runs a Python program with `input` as JSON on stdin and returns its stdout parsed as JSON; fails
 * with its stderr when it exits non-zero.
 */
export function runPythonJson<T>(program: string, input: unknown = null, args: readonly string[] = []): T {
  if (PYTHON === undefined) throw new Error('no python3 with numpy');
  const result = spawnSync(PYTHON, ['-B', '-c', program, ...args], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`python exited with ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
