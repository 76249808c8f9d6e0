import { suggest } from '../control/setup/problems.js';
import { functionsMarkdown } from '../functions/describe/markdown.js';
import { describeFunction, describeList } from '../functions/describe/text.js';
import { findPrebuilt, listPrebuilt } from '../functions/registry.js';

export interface FunctionsOptions {
  readonly name: string | undefined;
  /** Print docs/functions.md (every entry, Markdown) instead. */
  readonly markdown?: boolean;
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
}

/** `mimocorb2 functions [name]`: the prebuilt worker functions a setup can name without `file:`. */
export function handleFunctions({ name, markdown = false, print, printError }: FunctionsOptions): number {
  const all = listPrebuilt();
  if (markdown) {
    print(functionsMarkdown(all).trimEnd());
    return 0;
  }
  if (name === undefined) {
    for (const line of describeList(all)) print(line);
    return 0;
  }
  const found = findPrebuilt(name);
  if (found === undefined) {
    const names = all.map((f) => f.name);
    printError(`no prebuilt function '${name}'${suggest(name, names)}; these exist: ${names.join(', ')}`);
    return 2;
  }
  for (const line of describeFunction(found)) print(line);
  return 0;
}
