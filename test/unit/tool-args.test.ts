import { describe, expect, it } from 'vitest';
import {
  parseToolArgs,
  positiveNumberOption,
  ToolUsageError,
  wholeNumberOption,
} from '../../src/tool-args.js';

describe('tool-args', () => {
  it('parses strictly and turns what parseArgs refuses into a ToolUsageError', () => {
    const options = { runs: { type: 'string' }, json: { type: 'boolean', default: false } } as const;
    expect(parseToolArgs(['--runs', '3', '--json'], options)).toEqual({ runs: '3', json: true });
    for (const argv of [['--fast'], ['extra'], ['--runs']]) {
      expect(() => parseToolArgs(argv, options)).toThrow(ToolUsageError);
    }
  });

  it.each(['3', '1', '10'])('takes the whole number %s', (text) => {
    expect(wholeNumberOption('runs', text, 1, 10)).toBe(Number(text));
  });

  it.each(['0', '11', '2.5', '1e1', '-1', '', ' 3', 'abc'])(
    'refuses %j as a whole number from 1 to 10',
    (text) => {
      expect(() => wholeNumberOption('runs', text, 1, 10)).toThrow(
        `--runs must be a whole number from 1 to 10, got '${text}'`,
      );
    },
  );

  it('takes numbers above 0 and refuses the rest', () => {
    expect(positiveNumberOption('minutes', '0.5')).toBe(0.5);
    expect(positiveNumberOption('minutes', undefined)).toBeUndefined();
    expect(wholeNumberOption('runs', undefined, 1, 10)).toBeUndefined();
    for (const text of ['0', '-2', 'abc', '', ' ', 'Infinity']) {
      expect(() => positiveNumberOption('minutes', text)).toThrow(
        `--minutes must be a number above 0, got '${text}'`,
      );
    }
  });
});
