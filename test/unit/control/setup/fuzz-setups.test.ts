// Bad input never gives a stack trace: mutated example setups either load or are refused with a
// SetupError whose every problem names its file and a place. MIMOCORB2_FUZZ_SEED replays a run.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSetup } from '../../../../src/control/setup/index.js';
import { SetupError } from '../../../../src/errors.js';
import { copyExample, EXAMPLE_SETUPS, randomFrom, writeMutation } from '../../../helpers/setup-mutations.js';

const SEED = Number(process.env['MIMOCORB2_FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const CASES_PER_EXAMPLE = Number(process.env['MIMOCORB2_FUZZ_CASES'] ?? 80);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe(`loadSetup of mutated example setups (MIMOCORB2_FUZZ_SEED=${SEED})`, () => {
  it.each(EXAMPLE_SETUPS.map((file, i) => [file, i] as const))('%s', (example, index) => {
    const random = randomFrom(SEED + index);
    const file = copyExample(example, 'mimocorb2-fuzz-');
    dirs.push(dirname(file));
    const original = readFileSync(file, 'utf8');
    let refused = 0;
    for (let n = 0; n < CASES_PER_EXAMPLE; n++) {
      // Each case is one mutation of the original.
      writeFileSync(file, original);
      const what = writeMutation(file, random);
      const context = `case ${n} (${what}) of ${example}, seed ${SEED + index}:\n${readFileSync(file, 'utf8').slice(0, 800)}`;
      try {
        loadSetup(file);
      } catch (error) {
        expect(error, context).toBeInstanceOf(SetupError);
        refused++;
        for (const problem of (error as SetupError).problems) {
          expect(problem.file, context).not.toBe('');
          const isPlaced = problem.line !== undefined || problem.keyPath !== '';
          expect(isPlaced, `${context}\nunplaced: ${problem.message}`).toBe(true);
          expect(problem.message, context).not.toMatch(/\n\s+at /);
        }
      }
    }
    expect(refused, 'mutations that broke the setup').toBeGreaterThan(0);
  });
});
