import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRunDirectory, runDirectoryName } from '../../../src/control/run/run-directory.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createRunDirectory', () => {
  it('names runs by local date and time', () => {
    expect(runDirectoryName(new Date(2025, 6, 29, 14, 3, 9))).toBe('run_2025-07-29_14-03-09');
  });

  it('makes unique directories for runs started in the same second, each with logs/', () => {
    const target = mkdtempSync(join(tmpdir(), 'run-dir-'));
    dirs.push(target);
    const now = new Date(2025, 0, 2, 3, 4, 5);
    const ids = [1, 2, 3].map(() => createRunDirectory(join(target, 'nested'), now).id);
    expect(ids).toEqual([
      'run_2025-01-02_03-04-05',
      'run_2025-01-02_03-04-05_2',
      'run_2025-01-02_03-04-05_3',
    ]);
    for (const id of ids) expect(existsSync(join(target, 'nested', id, 'logs'))).toBe(true);
  });
});
