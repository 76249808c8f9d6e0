// Mutations of setup files for the fuzz tests: deletions, wrong types, wrong names, swapped
// sections, garbage YAML, huge numbers and unicode. Everything is drawn from a seeded generator,
// so a failing case is replayed from its seed.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { pick, type Random } from '../../src/chaos/random.js';
import { REPO_ROOT } from './cli.js';

export { randomFrom } from '../../src/chaos/random.js';

/** The example setups the mutations start from (each with the files beside it). */
export const EXAMPLE_SETUPS = [
  'examples/simple/setup.yaml',
  'test/fixtures/setups/muon/spin_setup.yaml',
  'test/fixtures/setups/redpitaya-spectroscopy/setup.yaml',
  'test/fixtures/setups/mimo_files/write_setup.yaml',
  'test/fixtures/e2e/processor-two-sinks.yaml',
  'test/fixtures/e2e/restart-filter.yaml',
].map((path) => join(REPO_ROOT, path));

const ODD_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  Number.MAX_SAFE_INTEGER,
  '',
  'f4',
  '~',
  '512M',
  'on-failure',
  '../../etc',
  'a/b',
  '..',
  '\u0000',
  'ünïcödé',
  '💥🚀',
  'مرحبا',
  'x'.repeat(5000),
  [],
  [1, 2, 3],
  ['raw', 'raw'],
  {},
  { nested: { deeper: [null] } },
];

const ODD_KEYS = [
  '',
  '..',
  'a/b',
  'ünïcödé',
  '💥',
  'Buffers',
  'Workers',
  'config',
  'sinks',
  'slot_count',
  ' ',
];

/** Every path to a value in a parsed YAML tree. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const found = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => found.push(...paths(item, [...prefix, i])));
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) found.push(...paths(item, [...prefix, key]));
  return found;
}

function parentOf(
  root: unknown,
  path: readonly (string | number)[],
): Record<string | number, unknown> | undefined {
  let node = root;
  for (const segment of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[segment];
  return typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>) : undefined;
}

/** One mutation of a setup's text; `what` says which, for the failure message. */
export function mutateSetup(text: string, random: Random): { text: string; what: string } {
  const kind = pick(random, ['delete', 'retype', 'rename', 'swap', 'garbage', 'garbage', 'odd-top'] as const);
  if (kind === 'garbage') return garbage(text, random);
  const tree: unknown = parse(text, { merge: true, maxAliasCount: -1 });
  if (kind === 'odd-top')
    return { text: stringify(pick(random, ODD_VALUES)), what: 'the whole file replaced' };
  const all = paths(tree).filter((p) => p.length > 0);
  if (all.length === 0) return garbage(text, random);
  const path = pick(random, all);
  const parent = parentOf(tree, path) as Record<string | number, unknown>;
  const key = path.at(-1) as string | number;
  const where = path.join('.');
  switch (kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return { text: stringify(tree), what: `deleted ${where}` };
    case 'retype':
      parent[key] = pick(random, ODD_VALUES);
      return { text: stringify(tree), what: `${where} = ${JSON.stringify(parent[key])?.slice(0, 40)}` };
    case 'rename': {
      if (Array.isArray(parent)) return { text: stringify(tree), what: 'nothing (a list item)' };
      const name = pick(random, [...ODD_KEYS, `${String(key)}x`, String(key).toUpperCase()]);
      parent[name] = parent[key];
      if (name !== key) delete parent[key];
      return { text: stringify(tree), what: `renamed ${where} to ${JSON.stringify(name)}` };
    }
    case 'swap': {
      const other = pick(random, all);
      const otherParent = parentOf(tree, other) as Record<string | number, unknown>;
      const otherKey = other.at(-1) as string | number;
      const value = parent[key];
      parent[key] = otherParent[otherKey];
      otherParent[otherKey] = value;
      return { text: stringify(tree), what: `swapped ${where} and ${other.join('.')}` };
    }
  }
}

const GARBAGE = [
  '{',
  '}',
  '[',
  ']',
  ':',
  '- ',
  '\t',
  '&a',
  '*a',
  '*nope',
  '<<: ',
  '"',
  "'",
  '\n---\n',
  '!!binary',
  '%YAML',
  '\u0000',
  '\uFEFF',
  ' # ',
  '?',
];

function garbage(text: string, random: Random): { text: string; what: string } {
  let mutated = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * mutated.length);
    const cut = Math.floor(random() * 8);
    mutated = mutated.slice(0, at) + (random() < 0.7 ? pick(random, GARBAGE) : '') + mutated.slice(at + cut);
  }
  return { text: mutated, what: `${edits} garbage edits` };
}

/** Copies an example's directory into a fresh temp dir; returns the copied setup file's path. */
export function copyExample(setupFile: string, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // Not the runs an example may have made.
  cpSync(dirname(setupFile), dir, { recursive: true, filter: (source) => basename(source) !== 'target' });
  return join(dir, basename(setupFile));
}

/** Writes a mutation of `setupFile` (a copy) over it; returns what was done. */
export function writeMutation(setupFile: string, random: Random): string {
  const { text, what } = mutateSetup(readFileSync(setupFile, 'utf8'), random);
  writeFileSync(setupFile, text);
  return what;
}
