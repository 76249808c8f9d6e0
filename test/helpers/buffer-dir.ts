import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

/** Where test buffers live: RAM-backed like a real run's, else the temp dir. */
export const BUFFER_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
/** Every dir this test process makes starts with this, so leftovers can be found afterwards. */
export const BUFFER_DIR_PREFIX = `mimocorb2-test-${process.pid}-`;

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Makes a fresh, empty dir for one test's buffers. */
export function makeBufferDir(): string {
  return mkdtempSync(join(BUFFER_ROOT, BUFFER_DIR_PREFIX));
}

/** The dirs of this test process still in BUFFER_ROOT. */
export function leftoverBufferDirs(): string[] {
  return readdirSync(BUFFER_ROOT).filter((entry) => entry.startsWith(BUFFER_DIR_PREFIX));
}

/**
 * Gives each test of the calling file its own buffer dir (removed after the test) and checks,
 * after the file, that none is left. Returns a getter for the current test's dir.
 */
export function useBufferDir(): () => string {
  let dir: string | undefined;
  beforeEach(() => {
    dir = makeBufferDir();
  });
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  afterAll(() => {
    expect(leftoverBufferDirs(), `test dirs left in ${BUFFER_ROOT}`).toEqual([]);
  });
  return () => {
    if (dir === undefined) throw new Error('useBufferDir(): no dir outside a test');
    return dir;
  };
}

/** The sources the fixtures load through dist/index.js. */
const CHILD_SOURCES = ['src/index.ts', 'src/errors.ts', 'src/buffer'];

function newestMtimeMs(paths: readonly string[]): { path: string; mtimeMs: number } {
  let newest = { path: '', mtimeMs: 0 };
  const consider = (path: string) => {
    const { mtimeMs } = statSync(path);
    if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  };
  for (const path of paths) {
    if (!statSync(path).isDirectory()) consider(path);
    else for (const entry of readdirSync(path)) if (entry.endsWith('.ts')) consider(join(path, entry));
  }
  return newest;
}

/**
 * Child processes run the compiled dist/; fail early and clearly when it is missing or older than
 * the sources it is built from (`npm test` builds first; `npx vitest` does not).
 */
export function useBuiltDist(): void {
  beforeAll(() => {
    const entry = join(REPO_ROOT, 'dist', 'index.js');
    expect(existsSync(entry), `${entry} is missing: run \`npm run build\` first`).toBe(true);
    const built = statSync(entry).mtimeMs;
    const source = newestMtimeMs(CHILD_SOURCES.map((path) => join(REPO_ROOT, path)));
    expect(source.mtimeMs <= built, `dist/ is older than ${source.path}: run \`npm run build\` first`).toBe(
      true,
    );
  });
}
