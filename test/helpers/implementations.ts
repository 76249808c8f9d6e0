// The buffer protocol has two implementations: TypeScript (src/buffer) and Python
// (python/mimocorb2/_buffer.py). Conformance tests run their fixture processes in either, and in
// mixed pairs, from the same scenario: `recovery/reader` is reader.mjs or reader.py.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURES_DIR, spawnNode, spawnTracked, type TrackedChild } from './processes.js';

export type Implementation = 'ts' | 'python';

/** Debian's python3 with numpy and libatomic, which the Python runtime needs; undefined without. */
export const RUNTIME_PYTHON = ((): string | undefined => {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import numpy, ctypes; ctypes.CDLL("libatomic.so.1")'], {
    stdio: 'ignore',
  });
  if (probe.status === 0) return '/usr/bin/python3';
  process.stderr.write(
    'SKIPPED: the Python runtime tests need /usr/bin/python3 with numpy and libatomic.so.1: apt-get install python3-numpy libatomic1\n',
  );
  return undefined;
})();

/** Who writes and who reads in a conformance scenario. */
export interface ImplementationPair {
  readonly name: string;
  readonly writer: Implementation;
  readonly reader: Implementation;
}

const ALL_PAIRS: readonly ImplementationPair[] = [
  { name: 'TypeScript', writer: 'ts', reader: 'ts' },
  { name: 'Python', writer: 'python', reader: 'python' },
  { name: 'TypeScript writers, Python readers', writer: 'ts', reader: 'python' },
  { name: 'Python writers, TypeScript readers', writer: 'python', reader: 'ts' },
];

/** The pairs this machine can run (TypeScript only without a Python runtime). */
export const IMPLEMENTATION_PAIRS = ALL_PAIRS.filter(
  (pair) => RUNTIME_PYTHON !== undefined || (pair.writer === 'ts' && pair.reader === 'ts'),
);

/** Spawns fixture `<name>.mjs` with node, or `<name>.py` with the runtime's python. */
export function spawnFixture(
  implementation: Implementation,
  name: string,
  args: readonly (string | number)[] = [],
): TrackedChild {
  if (implementation === 'ts') return spawnNode(`${name}.mjs`, args);
  return spawnTracked(
    RUNTIME_PYTHON ?? '/usr/bin/python3',
    ['-B', join(FIXTURES_DIR, `${name}.py`), ...args.map(String)],
    `${name}.py`,
  );
}
