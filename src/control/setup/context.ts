import type { ConfigLoader } from './config.js';
import type { WorkerOverrides } from './config-overrides.js';
import type { KeyPath, YamlSource } from './load.js';
import { describeValue, isMapping, suggest, type ProblemCollector } from './problems.js';

/** What every validator of one setup file needs. */
export interface SetupContext {
  readonly source: YamlSource;
  /** Absolute directory of the setup file. */
  readonly setupDir: string;
  readonly collector: ProblemCollector;
  readonly configs: ConfigLoader;
  /** Config values the command line sets (`--set`), by worker. */
  readonly overrides: ReadonlyMap<string, WorkerOverrides>;
}

/** Records every key of `entry` that is not in `allowed`; `what` names the entry ("a buffer"). */
export function checkKnownKeys(
  ctx: SetupContext,
  keyPath: KeyPath,
  entry: Record<string, unknown>,
  allowed: readonly string[],
  what: string,
): void {
  for (const key of Object.keys(entry)) {
    if (allowed.includes(key)) continue;
    ctx.collector.error(
      ctx.source,
      [...keyPath, key],
      `unknown key '${key}'${suggest(key, allowed)}; ${what} has the keys ${allowed.join(', ')}`,
      true,
    );
  }
}

/** The entry at `keyPath` if it is a mapping; otherwise records what was expected. */
export function requireMapping(
  ctx: SetupContext,
  keyPath: KeyPath,
  value: unknown,
  expected: string,
): Record<string, unknown> | undefined {
  if (isMapping(value)) return value;
  ctx.collector.error(ctx.source, keyPath, `expected ${expected}, got ${describeValue(value)}`);
  return undefined;
}

/** A whole number from `min` to `max` (inclusive), or undefined after recording a problem. */
export function checkWholeNumber(
  ctx: SetupContext,
  keyPath: KeyPath,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
  ctx.collector.error(ctx.source, keyPath, `expected a whole number ${range}, got ${describeValue(value)}`);
  return undefined;
}
