import { describe, expect, it } from 'vitest';
import {
  WORKER_PREFIX_VARIABLE,
  withWorkerPrefix,
  workerPrefix,
} from '../../../src/control/supervision/worker-prefix.js';

describe('the worker prefix (MIMOCORB2_WORKER_PREFIX)', () => {
  it('is empty when the variable is not set', () => {
    expect(workerPrefix({})).toEqual([]);
    const line = { command: process.execPath, args: ['entry.js'] };
    expect(withWorkerPrefix(line, [])).toBe(line);
  });

  it('goes before node, also behind setpriv', () => {
    const prefix = workerPrefix({ [WORKER_PREFIX_VARIABLE]: '["valgrind","--tool=callgrind"]' });
    expect(withWorkerPrefix({ command: process.execPath, args: ['entry.js'] }, prefix)).toEqual({
      command: 'valgrind',
      args: ['--tool=callgrind', process.execPath, 'entry.js'],
    });
    const setpriv = { command: 'setpriv', args: ['--pdeathsig', 'KILL', '--', process.execPath, 'entry.js'] };
    expect(withWorkerPrefix(setpriv, prefix).args).toEqual([
      '--pdeathsig',
      'KILL',
      '--',
      'valgrind',
      '--tool=callgrind',
      process.execPath,
      'entry.js',
    ]);
  });

  it('must be a JSON array of strings', () => {
    expect(() => workerPrefix({ [WORKER_PREFIX_VARIABLE]: 'valgrind' })).toThrow(/JSON array of strings/);
    expect(() => workerPrefix({ [WORKER_PREFIX_VARIABLE]: '[1]' })).toThrow(/JSON array of strings/);
  });
});
