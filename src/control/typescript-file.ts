import { extname } from 'node:path';

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx']);

/**
 * Whether `file` is TypeScript by its extension. A worker process compiles TypeScript (tsx) only
 * when its own file is TypeScript: loading tsx costs every process that does about 0.3 s of CPU.
 */
export function isTypeScriptFile(file: string): boolean {
  return TYPESCRIPT_EXTENSIONS.has(extname(file).toLowerCase());
}
