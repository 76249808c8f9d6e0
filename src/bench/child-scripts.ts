import { fileURLToPath } from 'node:url';

/** The compiled child programs (dist/bench/child/<name>.js) the scenarios start. */
export type ChildScriptName = 'buffer-writer' | 'buffer-reader' | 'fifo-writer' | 'fifo-reader';

/** Absolute path of a child program next to this module. */
export function getChildScript(name: ChildScriptName): string {
  return fileURLToPath(new URL(`./child/${name}.js`, import.meta.url));
}
