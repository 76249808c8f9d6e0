import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect } from 'vitest';
import { formatSetupProblem, SetupError } from '../../../../src/errors.js';

/** Every dir these tests make starts with this, so leftovers can be found afterwards. */
const PREFIX = `mimocorb2-setup-test-${process.pid}-`;

/** The repository's test/fixtures/setups directory. */
export const FIXTURE_SETUPS = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/setups');

/** A worker module with the functions the tests' setups name. */
export const WORKERS_TS = [
  'export function source(_io: unknown): void {}',
  'export function filter(_io: unknown): void {}',
  'export const threshold = 3;',
  '',
].join('\n');

/**
 * Gives the calling test file a factory of temp dirs filled with files (path -> text; a path ending
 * in '/' is an empty directory), removed
 * after each test; checks after the file that none is left.
 */
export function useSetupDirs(): (files: Record<string, string>) => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => {
    expect(readdirSync(tmpdir()).filter((entry) => entry.startsWith(PREFIX))).toEqual([]);
  });
  return (files) => {
    const dir = mkdtempSync(join(tmpdir(), PREFIX));
    dirs.push(dir);
    for (const [file, text] of Object.entries(files)) {
      // A name ending in '/' is an empty directory.
      if (file.endsWith('/')) {
        mkdirSync(join(dir, file), { recursive: true });
        continue;
      }
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    return dir;
  };
}

/** The formatted problems of the SetupError that `run` throws; fails when it throws nothing else. */
export function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof SetupError) return error.problems.map(formatSetupProblem);
    throw error;
  }
  throw new Error('expected a SetupError, but the setup loaded');
}

/** Like problemsOf, for an async check. */
export async function problemsOfAsync(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (error) {
    if (error instanceof SetupError) return error.problems.map(formatSetupProblem);
    throw error;
  }
  throw new Error('expected a SetupError, but the check passed');
}
