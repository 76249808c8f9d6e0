import type { SetupProblem } from '../../errors.js';
import type { KeyPath, YamlSource } from './load.js';

/** Collects the problems and warnings of one setup, each placed at a key path of a YAML file. */
export class ProblemCollector {
  readonly problems: SetupProblem[] = [];
  readonly warnings: SetupProblem[] = [];

  /**
   * Records a problem at `keyPath` of `source`; `atKey` points at the key rather than its value.
   * `shownPath` is the key path the message names when it differs from the place in the file (a
   * worker's config key written in a config file).
   */
  error(
    source: YamlSource | string,
    keyPath: KeyPath,
    message: string,
    atKey = false,
    shownPath = keyPath,
  ): void {
    this.problems.push(place(source, keyPath, message, atKey, shownPath));
  }

  warn(
    source: YamlSource | string,
    keyPath: KeyPath,
    message: string,
    atKey = false,
    shownPath = keyPath,
  ): void {
    this.warnings.push(place(source, keyPath, message, atKey, shownPath));
  }

  add(problems: readonly SetupProblem[]): void {
    this.problems.push(...problems);
  }
}

function place(
  source: YamlSource | string,
  keyPath: KeyPath,
  message: string,
  atKey: boolean,
  shownPath: KeyPath,
): SetupProblem {
  if (typeof source === 'string') return { file: source, keyPath: formatKeyPath(shownPath), message };
  const position = source.locate(keyPath, atKey) ?? nearestPosition(source, keyPath);
  return { file: source.file, ...position, keyPath: formatKeyPath(shownPath), message };
}

// A missing key has no position of its own: show where its parent is written.
function nearestPosition(source: YamlSource, keyPath: KeyPath): { line: number; column: number } | undefined {
  for (let length = keyPath.length - 1; length > 0; length--) {
    const position = source.locate(keyPath.slice(0, length), true);
    if (position) return position;
  }
  return undefined;
}

const PLAIN_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** `Workers.filter.sources[0]`; keys that are not plain words are quoted: `Buffers['a.b']`. */
export function formatKeyPath(keyPath: KeyPath): string {
  let text = '';
  for (const segment of keyPath) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (PLAIN_SEGMENT.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `['${segment.replaceAll("'", "\\'")}']`;
  }
  return text;
}

/** How a found value is named in a message: `string "100"`, `a list`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  return typeof value === 'object' ? 'a mapping' : typeof value;
}

/** ` (did you mean 'sources'?)` when a known word is close to the unknown one, else ''. */
export function suggest(unknown: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const word of known) {
    const distance = editDistance(unknown.toLowerCase(), word.toLowerCase());
    if (distance < bestDistance) {
      best = word;
      bestDistance = distance;
    }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(unknown.length / 3)));
  return best !== undefined && bestDistance <= limit ? ` (did you mean '${best}'?)` : '';
}

/** Levenshtein distance: insertions, deletions and substitutions that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Narrows an unknown value to a YAML mapping. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
