// Reading what the examples write, as their READMEs do: CSV files, .npy histograms, and the
// README's own Python snippets run against a run directory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import { REPO_ROOT } from '../../helpers/cli.js';
import { python } from '../../helpers/python.js';

/** The rows of a CSV file of exporters.csv, numbers parsed, by column name. */
export function readCsvRows(file: string): Record<string, number>[] {
  return parse<Record<string, number>>(readFileSync(file, 'utf8'), {
    columns: true,
    cast: (value, context) => (context.header ? value : Number(value)),
  });
}

/** The int64 counts of a .npy file of exporters.histogram (NPY 1.0, little-endian). */
export function readNpyCounts(file: string): number[] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 6).toString('latin1'), `${file} is an NPY file`).toBe('\x93NUMPY');
  const headerLength = bytes.readUInt16LE(8);
  expect(bytes.subarray(10, 10 + headerLength).toString('latin1')).toContain("'descr': '<i8'");
  const data = bytes.subarray(10 + headerLength);
  return Array.from({ length: data.length / 8 }, (_, i) => Number(data.readBigInt64LE(8 * i)));
}

/**
 * The Python code blocks of an example's README, joined; with `runDir`, the line that sets
 * `run = '...'` is pointed at it, so that the snippet reads this test's run.
 */
export function readmePython(example: string, runDir?: string): string {
  const readme = readFileSync(join(REPO_ROOT, 'examples', example, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```python\n([\s\S]*?)```/g)].map((match) => match[1] as string);
  expect(blocks.length, `python blocks in examples/${example}/README.md`).toBeGreaterThan(0);
  const code = blocks.join('\n');
  if (runDir === undefined) return code;
  expect(code, "the README's snippet sets run = '...'").toMatch(/^run = '.*'$/m);
  return code.replace(/^run = '.*'$/m, `run = ${JSON.stringify(runDir + '/')}`);
}

/** Runs a README's Python (from the repository's root) and returns what it printed; fails on an error. */
export async function runReadmePython(code: string, cwd = REPO_ROOT): Promise<string> {
  const result = await python(['-c', code], cwd);
  expect(result.stderr, "the README's Python: stderr").toBe('');
  expect(result.code, "the README's Python: exit code").toBe(0);
  return result.stdout;
}
