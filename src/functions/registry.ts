import { fileURLToPath } from 'node:url';
import type { PrebuiltSignature } from '../control/setup/index.js';

/** A function that ships with mimocorb2, used in a setup as `function: group.name` without `file`. */
export interface PrebuiltFunction {
  readonly name: string;
  /** The module (compiled, next to this file) and the name it exports. */
  readonly file: string;
  readonly functionName: string;
  readonly signature: PrebuiltSignature;
  readonly summary: string;
}

function entry(
  name: string,
  module: string,
  signature: PrebuiltSignature,
  summary: string,
): PrebuiltFunction {
  const functionName = name.slice(name.indexOf('.') + 1);
  return { name, file: fileURLToPath(new URL(module, import.meta.url)), functionName, signature, summary };
}

const PREBUILT: readonly PrebuiltFunction[] = [
  entry(
    'exporters.drain',
    './exporters/drain.js',
    { sources: 1, sinks: 0, observes: 0 },
    'reads every event and does nothing with it',
  ),
  entry(
    'misc.copy',
    './misc/copy.js',
    { sources: 1, sinks: { min: 1 }, observes: 0 },
    'copies every event to each sink',
  ),
];

const BY_NAME = new Map(PREBUILT.map((f) => [f.name, f]));

export function listPrebuilt(): readonly PrebuiltFunction[] {
  return PREBUILT;
}

export function findPrebuilt(name: string): PrebuiltFunction | undefined {
  return BY_NAME.get(name);
}
