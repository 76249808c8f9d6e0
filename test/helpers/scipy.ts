import { spawnSync } from 'node:child_process';

/** Debian's python3 when it has scipy (python3-scipy), else undefined; the reason is printed once. */
export function findPythonWithScipy(what: string): string | undefined {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import scipy.signal'], { stdio: 'ignore' });
  if (probe.status === 0) return '/usr/bin/python3';
  process.stderr.write(`SKIPPED: ${what} need /usr/bin/python3 with scipy: apt-get install python3-scipy\n`);
  return undefined;
}
