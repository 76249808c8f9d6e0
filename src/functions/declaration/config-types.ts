// The types a prebuilt function's config keys can have. Each type says in words what it accepts
// (for the docs and for "expected …" in a problem) and checks a value as YAML gives it.
import { describeValue } from '../../control/setup/problems.js';
import { isRecord } from '../../is-record.js';

/** A place inside a config value: mapping keys and list indices. */
export type ValuePath = readonly (string | number)[];

/** One thing wrong with a config value, at `path` inside it ([] is the value itself). */
export interface ValueProblem {
  readonly path: ValuePath;
  /** `expected …, got …` */
  readonly message: string;
}

/** A config key's type: what it accepts, said in words, and a check of a value. */
export interface ConfigType<T> {
  /** What a value must be, e.g. `a number > 0`, `one of 'uniform', 'poisson'`. */
  readonly text: string;
  /** The problems of `value`; none means it is a T. */
  check(value: unknown): readonly ValueProblem[];
  /** Never set: carries T for the config values a function reads. */
  readonly valueType?: T;
}

/** The value type a ConfigType checks. */
export type ValueOf<C> = C extends ConfigType<infer T> ? T : never;

const OK: readonly ValueProblem[] = [];

function expected(text: string, value: unknown): readonly ValueProblem[] {
  return [{ path: [], message: `expected ${text}, got ${describeValue(value)}` }];
}

function rangeText(min?: number, max?: number, above?: number): string {
  const lower = above !== undefined ? `> ${above}` : min !== undefined ? `≥ ${min}` : undefined;
  if (lower !== undefined && max !== undefined) {
    return above !== undefined ? ` > ${above} and ≤ ${max}` : ` from ${min} to ${max}`;
  }
  if (lower !== undefined) return ` ${lower}`;
  return max !== undefined ? ` ≤ ${max}` : '';
}

interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  /** Exclusive lower bound: the value must be greater. */
  readonly above?: number;
}

function inRange(value: number, { min, max, above }: NumberRange): boolean {
  return (
    (min === undefined || value >= min) &&
    (max === undefined || value <= max) &&
    (above === undefined || value > above)
  );
}

/** A finite number (YAML `1`, `0.5`, `1e-3`), optionally within a range. */
export function number(range: NumberRange = {}): ConfigType<number> {
  const text = `a number${rangeText(range.min, range.max, range.above)}`;
  return {
    text,
    check: (value) =>
      typeof value === 'number' && Number.isFinite(value) && inRange(value, range)
        ? OK
        : expected(text, value),
  };
}

/** A whole number, optionally within a range. */
export function integer(range: NumberRange = {}): ConfigType<number> {
  const text = `a whole number${rangeText(range.min, range.max, range.above)}`;
  return {
    text,
    check: (value) =>
      typeof value === 'number' && Number.isInteger(value) && inRange(value, range)
        ? OK
        : expected(text, value),
  };
}

/** `true` or `false`. */
export const boolean: ConfigType<boolean> = {
  text: 'true or false',
  check: (value) => (typeof value === 'boolean' ? OK : expected('true or false', value)),
};

/** A value of `type`, or null (YAML `null` or `~`), e.g. an open end of a range. */
export function orNull<T>(type: ConfigType<T>): ConfigType<T | null> {
  const text = `${type.text} or null`;
  return {
    text,
    check: (value) => (value === null || type.check(value).length === 0 ? OK : expected(text, value)),
  };
}

/** A string; with `allowed`, one of those words. */
export function string<const A extends readonly string[] = readonly string[]>(
  allowed?: A,
): ConfigType<A extends readonly [] ? string : A[number]> {
  const text =
    allowed === undefined || allowed.length === 0
      ? 'a string'
      : `one of ${allowed.map((word) => `'${word}'`).join(', ')}`;
  return {
    text,
    check: (value) =>
      typeof value === 'string' && (allowed === undefined || allowed.length === 0 || allowed.includes(value))
        ? OK
        : expected(text, value),
  };
}

/** A number from a fixed list, e.g. the sample rates a device knows. */
export function numberChoice<const A extends readonly number[]>(allowed: A): ConfigType<A[number]> {
  const text = `one of ${allowed.join(', ')}`;
  return {
    text,
    check: (value) => (typeof value === 'number' && allowed.includes(value) ? OK : expected(text, value)),
  };
}

const FILE_STEM = /^[^/\\\0]+$/;

/** A file name in the run directory, without a directory part (`pulses`, not `data/pulses`). */
export const fileName: ConfigType<string> = {
  text: "a file name without a directory (no '/')",
  check: (value) =>
    typeof value === 'string' && FILE_STEM.test(value) && value !== '.' && value !== '..'
      ? OK
      : expected("a file name without a directory (no '/')", value),
};

/** A path to an existing file, relative to the setup file (or absolute, or `~/...`). */
export const filePath: ConfigType<string> = {
  text: 'a file path (relative to the setup file)',
  check: (value) =>
    typeof value === 'string' && value.trim() !== ''
      ? OK
      : expected('a file path (relative to the setup file)', value),
};

function nested(problems: readonly ValueProblem[], at: string | number): ValueProblem[] {
  return problems.map((p) => ({ path: [at, ...p.path], message: p.message }));
}

/** A list of items of one type, e.g. channel names. */
export function list<T>(item: ConfigType<T>, { minLength = 0 } = {}): ConfigType<T[]> {
  const text = `a list of ${item.text.replace(/^an? /, '')}s${minLength > 0 ? ` (at least ${minLength})` : ''}`;
  return {
    text,
    check(value) {
      if (!Array.isArray(value)) return expected(text, value);
      if (value.length < minLength) {
        const got = value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
        return [{ path: [], message: `expected ${text}, got ${got}` }];
      }
      return value.flatMap((entry: unknown, index) => nested(item.check(entry), index));
    },
  };
}

type TupleOf<T extends readonly ConfigType<unknown>[]> = { -readonly [K in keyof T]: ValueOf<T[K]> };

/** A list of fixed length whose items each have their own type, e.g. `[min, max, n]`. */
export function tuple<const T extends readonly ConfigType<unknown>[]>(
  items: T,
  text: string,
): ConfigType<TupleOf<T>> {
  return {
    text,
    check(value) {
      if (!Array.isArray(value)) return expected(text, value);
      if (value.length !== items.length) {
        const got = value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
        return [{ path: [], message: `expected ${text}, got ${got}` }];
      }
      return items.flatMap((item, index) => nested(item.check(value[index]), index));
    },
  };
}

/** A mapping from names (e.g. fields) to values of one type. */
export function mapping<T>(
  entry: ConfigType<T>,
  text: string,
  { minEntries = 0 } = {},
): ConfigType<Record<string, T>> {
  return {
    text,
    check(value) {
      if (!isRecord(value)) return expected(text, value);
      const entries = Object.entries(value);
      if (entries.length < minEntries) {
        const got = entries.length === 0 ? 'an empty mapping' : `${entries.length}`;
        const least = minEntries === 1 ? 'one entry' : `${minEntries} entries`;
        return [{ path: [], message: `expected ${text} with at least ${least}, got ${got}` }];
      }
      return entries.flatMap(([key, item]) => nested(entry.check(item), key));
    },
  };
}

/** A value of the first type that fits, e.g. a number or a `[min, max]` pair. */
export function oneOf<const T extends readonly ConfigType<unknown>[]>(
  types: T,
): ConfigType<ValueOf<T[number]>> {
  const text = types.map((type) => type.text).join(', or ');
  return {
    text,
    check: (value) => (types.some((type) => type.check(value).length === 0) ? OK : expected(text, value)),
  };
}

/**
 * A type with one more rule over its checked value: `rule` returns what is wrong (an `expected
 * …, got …` message and where), or undefined.
 */
export function refine<T>(
  type: ConfigType<T>,
  text: string,
  rule: (value: T) => ValueProblem | undefined,
): ConfigType<T> {
  return {
    text,
    check(value) {
      const problems = type.check(value);
      if (problems.length > 0) return problems;
      const problem = rule(value as T);
      return problem === undefined ? OK : [problem];
    },
  };
}
