import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Resolves a path written in a setup the way the original does: absolute as it is, `~` and `~/...`
 * in the home directory, anything else relative to `baseDir`.
 */
export function resolveSetupPath(written: string, baseDir: string): string {
  if (written === '~') return homedir();
  if (written.startsWith('~/')) return path.join(homedir(), written.slice(2));
  return path.resolve(baseDir, written);
}

/** Why a written path cannot be resolved, or undefined when it can. */
export function getPathProblem(written: string): string | undefined {
  if (written.trim() === '') return 'expected a path, got an empty string';
  if (written.includes('\0')) return `${JSON.stringify(written)} holds a NUL character, which no path can`;
  if (/^~[^/]/.test(written)) {
    return `'${written}' names another user's home directory, which is not supported; write the absolute path`;
  }
  return undefined;
}

/**
 * The name to show for a file the setup names: relative paths joined to the setup file's directory
 * as the user named it, so that the shown path opens from where the user is.
 */
export function displayPath(written: string, setupFile: string): string {
  if (path.isAbsolute(written) || written.startsWith('~')) return written;
  return path.join(path.dirname(setupFile), written);
}
