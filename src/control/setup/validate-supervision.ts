import { checkWholeNumber, type SetupContext } from './context.js';
import type { KeyPath } from './load.js';
import { describeValue, suggest } from './problems.js';
import type { PlainWorker, WorkerSupervision } from './types.js';

/** The worker-level keys of supervision (beside number_of_processes, not in config). */
export const SUPERVISION_KEYS = [
  'restart',
  'max_restarts',
  'restart_backoff',
  'max_memory',
  'max_silence',
] as const;

export const DEFAULT_SUPERVISION: WorkerSupervision = Object.freeze({
  restart: 'never',
  maxRestarts: 3,
  restartBackoffS: 1,
  maxMemoryBytes: undefined,
  maxSilenceS: undefined,
});

const RESTART_VALUES = ['never', 'on-failure'] as const;
export const MAX_RESTARTS = 100;
/** The backoff doubles with each restart up to this; a larger start value is refused. */
export const MAX_RESTART_BACKOFF_S = 30;
const MIN_MEMORY_BYTES = 32 * 2 ** 20;
const SIZE = /^(\d+(?:\.\d+)?)\s*([KMGT])(?:i?B)?$/i;
const UNIT_POWER = { K: 1, M: 2, G: 3, T: 4 } as const;
const SIZE_EXPECTED = 'a size like 512M or 2G (binary units K, M, G, T: 1M = 1024 × 1024 bytes)';

/** Bytes of a size written like `512M` or `2G` (binary units), or undefined if it is not one. */
export function parseMemorySize(text: string): number | undefined {
  const match = SIZE.exec(text.trim());
  if (match === null) return undefined;
  const unit = (match[2] as string).toUpperCase() as keyof typeof UNIT_POWER;
  return Math.round(Number(match[1]) * 1024 ** UNIT_POWER[unit]);
}

/** `512M`, `1.5G`: a byte count in the units the setup file uses. */
export function formatMemorySize(bytes: number): string {
  for (const unit of ['T', 'G', 'M', 'K'] as const) {
    const value = bytes / 1024 ** UNIT_POWER[unit];
    if (value >= 1) return `${Number(value.toFixed(value < 10 ? 2 : 1))}${unit}`;
  }
  return `${bytes}B`;
}

/** Checks the supervision keys of one worker entry; undefined when one has a problem (recorded). */
export function validateSupervision(
  ctx: SetupContext,
  keyPath: KeyPath,
  entry: Readonly<Record<string, unknown>>,
): WorkerSupervision | undefined {
  const given = (key: (typeof SUPERVISION_KEYS)[number]) => entry[key] !== undefined && entry[key] !== null;
  const at = (key: string): KeyPath => [...keyPath, key];
  const restart = given('restart') ? checkRestart(ctx, at('restart'), entry['restart']) : 'never';
  const maxRestarts = given('max_restarts')
    ? checkWholeNumber(ctx, at('max_restarts'), entry['max_restarts'], 0, MAX_RESTARTS)
    : DEFAULT_SUPERVISION.maxRestarts;
  const backoff = given('restart_backoff')
    ? checkSeconds(ctx, at('restart_backoff'), entry['restart_backoff'], 0, MAX_RESTART_BACKOFF_S)
    : DEFAULT_SUPERVISION.restartBackoffS;
  const memory = given('max_memory') ? checkMemory(ctx, at('max_memory'), entry['max_memory']) : null;
  const silence = given('max_silence')
    ? checkSeconds(ctx, at('max_silence'), entry['max_silence'], 1, Number.MAX_SAFE_INTEGER)
    : null;
  if (restart === 'never') {
    for (const key of ['max_restarts', 'restart_backoff'] as const) {
      if (given(key))
        ctx.collector.warn(ctx.source, at(key), `has no effect without 'restart: on-failure'`, true);
    }
  }
  if (restart === undefined || maxRestarts === undefined || backoff === undefined) return undefined;
  if (memory === undefined || silence === undefined) return undefined;
  return {
    restart,
    maxRestarts,
    restartBackoffS: backoff,
    maxMemoryBytes: memory ?? undefined,
    maxSilenceS: silence ?? undefined,
  };
}

function checkRestart(
  ctx: SetupContext,
  keyPath: KeyPath,
  value: unknown,
): WorkerSupervision['restart'] | undefined {
  const found = RESTART_VALUES.find((allowed) => allowed === value);
  if (found !== undefined) return found;
  const hint = typeof value === 'string' ? suggest(value, RESTART_VALUES) : '';
  ctx.collector.error(
    ctx.source,
    keyPath,
    `expected never or on-failure, got ${describeValue(value)}${hint}`,
  );
  return undefined;
}

function checkSeconds(
  ctx: SetupContext,
  keyPath: KeyPath,
  value: unknown,
  min: number,
  max: number,
): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
  ctx.collector.error(
    ctx.source,
    keyPath,
    `expected a number of seconds ${range}, got ${describeValue(value)}`,
  );
  return undefined;
}

function checkMemory(ctx: SetupContext, keyPath: KeyPath, value: unknown): number | undefined {
  const bytes = typeof value === 'string' ? parseMemorySize(value) : undefined;
  if (bytes !== undefined && bytes >= MIN_MEMORY_BYTES && Number.isSafeInteger(bytes)) return bytes;
  if (bytes !== undefined) {
    ctx.collector.error(
      ctx.source,
      keyPath,
      `expected at least ${formatMemorySize(MIN_MEMORY_BYTES)} (a worker process needs about 50M), got ${describeValue(value)}`,
    );
    return undefined;
  }
  const hint = typeof value === 'number' ? `; write ${value}M for ${value} MiB` : '';
  ctx.collector.error(ctx.source, keyPath, `expected ${SIZE_EXPECTED}, got ${describeValue(value)}${hint}`);
  return undefined;
}

/** The supervision keys a worker sets away from the defaults, for the run directory's setup.yaml. */
export function plainSupervision(supervision: WorkerSupervision): Partial<PlainWorker> {
  const plain: {
    -readonly [K in keyof PlainWorker]?: PlainWorker[K];
  } = {};
  if (supervision.restart !== DEFAULT_SUPERVISION.restart) {
    plain.restart = supervision.restart;
    plain.max_restarts = supervision.maxRestarts;
    plain.restart_backoff = supervision.restartBackoffS;
  }
  if (supervision.maxMemoryBytes !== undefined)
    plain.max_memory = exactMemorySize(supervision.maxMemoryBytes);
  if (supervision.maxSilenceS !== undefined) plain.max_silence = supervision.maxSilenceS;
  return plain;
}

// Loads again as the same byte count: the largest unit that divides it, else fractional MiB.
function exactMemorySize(bytes: number): string {
  for (const unit of ['T', 'G', 'M', 'K'] as const) {
    if (bytes % 1024 ** UNIT_POWER[unit] === 0) return `${bytes / 1024 ** UNIT_POWER[unit]}${unit}`;
  }
  return `${bytes / 1024 ** UNIT_POWER.M}M`;
}
