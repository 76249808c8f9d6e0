import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Makes a directory and its missing parents, one mkdir each: at most one call per part of the
 * path. Node's `mkdirSync(path, { recursive: true })` spins for good where a parent exists but
 * cannot hold children (under /proc, seen with Node 20), and the process then never even handles
 * a signal. Throws the first error, with its errno code and the path it happened at. Returns the
 * directories it made, outermost first.
 */
export function makeDirectory(path: string, mode?: number): string[] {
  const missing: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    let isDirectory: boolean | undefined;
    try {
      isDirectory = statSync(current).isDirectory();
    } catch (error) {
      // ENOTDIR: a parent is a file; walk on up to name it.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
    if (isDirectory === false) throw notADirectory(current);
    if (isDirectory === true) break;
    missing.push(current);
    if (dirname(current) === current) break;
  }
  const made: string[] = [];
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir, { mode });
      made.push(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Made meanwhile by someone else, or a link to nowhere.
      if (statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) throw notADirectory(dir);
    }
  }
  return made;
}

function notADirectory(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTDIR: not a directory, '${path}'`), { code: 'ENOTDIR', path });
}

const REASONS: Readonly<Record<string, string>> = {
  ENOTDIR: 'is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'cannot hold new directories (a special file system?)',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
};

/** Why makeDirectory (or another file call) failed, in words: `/proc/x: cannot hold ... (ENOENT)`. */
export function describeFileError(error: unknown): string {
  const { code, path, message } = error as NodeJS.ErrnoException;
  if (code === undefined) return message;
  const where = path === undefined ? '' : `${path}: `;
  return `${where}${REASONS[code] ?? message} (${code})`;
}
