import { spawnSync } from 'node:child_process';
import { pythonInterpreter } from '../../control/python-worker.js';

let reason: string | undefined | null = null;

/** Why the Python runtime cannot run here (no numpy or libatomic in the interpreter), else undefined; checked once. */
export function pythonRuntimeUnavailable(): string | undefined {
  if (reason === null) {
    const python = pythonInterpreter(undefined);
    const probe = spawnSync(python, ['-c', 'import numpy, ctypes; ctypes.CDLL("libatomic.so.1")'], {
      stdio: 'ignore',
    });
    reason =
      probe.status === 0
        ? undefined
        : `${python} cannot run Python workers (needs numpy and libatomic.so.1: apt-get install python3-numpy libatomic1)`;
  }
  return reason;
}
