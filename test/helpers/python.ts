// Python with numpy for tests that read what mimocorb2 writes the way a physicist does. CI
// installs Debian's python3-numpy (.ci/run); any python3 on PATH with numpy serves as well.
import { spawnSync } from 'node:child_process';

function findPythonWithNumpy(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', 'import numpy'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return undefined;
}

/** A python3 that imports numpy, or undefined (tests that need it are skipped, saying why). */
export const PYTHON_WITH_NUMPY = findPythonWithNumpy();

/** Why tests are skipped without it (printed once by the file that skips). */
export const NO_NUMPY_REASON =
  'SKIPPED: this test needs a python3 with numpy (/usr/bin/python3 or python3 on PATH): apt-get install python3-numpy\n';

/**
 * Runs a Python program with `input` on stdin and returns its stdout parsed as JSON; fails with
 * its stderr when it exits non-zero.
 */
export function runPythonJson<T>(program: string, input: unknown = null, args: readonly string[] = []): T {
  if (PYTHON_WITH_NUMPY === undefined) throw new Error('no python3 with numpy');
  const result = spawnSync(PYTHON_WITH_NUMPY, ['-B', '-c', program, ...args], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`python exited with ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
