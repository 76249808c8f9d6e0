// Reading the example's config values with a clear error for a wrong one: the setup passes a
// file worker's config through unchecked, so the worker checks what it uses before it starts.
import { WorkerSetupError, type BufferIO } from 'mimocorb2';

export interface NumberRule {
  /** The value when the key is missing; without it the key is required. */
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

function fail(io: BufferIO, key: string, expected: string, value: unknown): never {
  throw new WorkerSetupError(
    `worker '${io.name}': config key '${key}': expected ${expected}, got ${JSON.stringify(value) ?? String(value)}`,
  );
}

/** The number at `key`, checked against `rule`. */
export function readNumber(io: BufferIO, key: string, rule: NumberRule = {}): number {
  const value: unknown = rule.default === undefined ? io.get(key) : io.get(key, rule.default);
  const { min = -Infinity, max = Infinity, integer = false } = rule;
  const kind = integer ? 'a whole number' : 'a number';
  const range =
    min > -Infinity && max < Infinity
      ? ` from ${min} to ${max}`
      : min > -Infinity
        ? ` of at least ${min}`
        : max < Infinity
          ? ` of at most ${max}`
          : '';
  const isNumber = typeof value === 'number' && Number.isFinite(value);
  if (!isNumber || value < min || value > max || (integer && !Number.isInteger(value))) {
    fail(io, key, kind + range, value);
  }
  return value;
}

/** The boolean at `key`. */
export function readBoolean(io: BufferIO, key: string, defaultValue: boolean): boolean {
  const value: unknown = io.get(key, defaultValue);
  if (typeof value !== 'boolean') fail(io, key, 'true or false', value);
  return value;
}

/** A number or a non-empty list of numbers at `key`, as a list. */
export function readNumberList(io: BufferIO, key: string, defaultValue: number): number[] {
  const value: unknown = io.get(key, defaultValue);
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0 || !list.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    fail(io, key, 'a number or a list of numbers', value);
  }
  return list as number[];
}
