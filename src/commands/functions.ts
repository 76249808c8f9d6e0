import { findPrebuilt, listPrebuilt, type PrebuiltFunction } from '../functions/registry.js';
import type { BufferCount } from '../control/setup/index.js';

function countText(count: BufferCount): string {
  if (typeof count === 'number') return String(count);
  return count.max === undefined ? `${count.min} or more` : `${count.min} to ${count.max}`;
}

function describe(f: PrebuiltFunction): string[] {
  const { sources, sinks, observes } = f.signature;
  return [
    `${f.name}: ${f.summary}`,
    `  buffers: ${countText(sources)} sources, ${countText(sinks)} sinks, ${countText(observes)} observes`,
    `  use:     function: ${f.name}   (and no file:)`,
  ];
}

/** `mimocorb2 functions [name]`: the prebuilt worker functions a setup can name without `file:`. */
export function handleFunctions(
  name: string | undefined,
  print: (line: string) => void,
  printError: (line: string) => void,
): number {
  if (name !== undefined) {
    const found = findPrebuilt(name);
    if (!found) {
      printError(
        `no prebuilt function '${name}'; these exist: ${listPrebuilt()
          .map((f) => f.name)
          .join(', ')}`,
      );
      return 2;
    }
    for (const line of describe(found)) print(line);
    return 0;
  }
  for (const f of listPrebuilt()) print(`${f.name.padEnd(24)} ${f.summary}`);
  return 0;
}
