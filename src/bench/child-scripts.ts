import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The compiled child programs (dist/bench/child/<name>.js) the scenarios start. */
export type ChildScriptName =
  | 'buffer-writer'
  | 'buffer-reader'
  | 'fifo-writer'
  | 'fifo-middle'
  | 'fifo-reader'
  | 'fifo-paced-writer'
  | 'fifo-latency-reader'
  | 'memcpy'
  | 'b-workload'
  | 'b-floor'
  | 'find-peaks'
  | 'tmpfs-write'
  | 'nats-probe';

const thisDir = dirname(fileURLToPath(import.meta.url));
// Tests import this module from src/bench; the programs it starts are always the compiled ones.
const compiledBenchDir =
  basename(dirname(thisDir)) === 'src' ? join(dirname(dirname(thisDir)), 'dist', 'bench') : thisDir;

/** Absolute path of a compiled child program. */
export function getChildScript(name: ChildScriptName): string {
  return join(compiledBenchDir, 'child', `${name}.js`);
}

/** The file URL of a compiled module, by its path from dist/bench: for files the bench writes that import it. */
export function getCompiledModuleUrl(pathFromBench: string): string {
  return pathToFileURL(join(compiledBenchDir, pathFromBench)).href;
}

/** The compiled CLI (dist/cli.js): the scenarios that run setups start it as a user does. */
export function getCliScript(): string {
  return join(dirname(compiledBenchDir), 'cli.js');
}

/** A script of the repository's scripts/ folder (e.g. the scipy side of the peaks scenario). */
export function getRepositoryScript(name: string): string {
  return join(dirname(dirname(compiledBenchDir)), 'scripts', name);
}

/** The repository's root directory (where docs/ is). */
export function getRepositoryDir(): string {
  return dirname(dirname(compiledBenchDir));
}
