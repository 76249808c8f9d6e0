import type { SetupContext } from './context.js';
import { readOriginalOptions } from './original-options.js';
import { getPathProblem } from './paths.js';
import { describeValue, isMapping, suggest } from './problems.js';
import { validateBufferEntry, type BufferEntry } from './validate-buffers.js';
import { validateWorkerEntry, type WorkerEntry } from './validate-workers.js';

const TOP_LEVEL_KEYS = ['Buffers', 'Workers', 'base_config', 'target_directory'];

/** Where run directories go when the setup names none: `target` beside the setup file. */
export const DEFAULT_TARGET_DIRECTORY = 'target';

/** The checked top level of a setup file: buffers with problems left out, workers as far as they passed. */
export interface SetupEntries {
  readonly buffers: readonly BufferEntry[];
  readonly workers: readonly WorkerEntry[];
  /** base_config merged from its forms. */
  readonly baseConfig: Readonly<Record<string, unknown>>;
  /** target_directory as written (or Options.output_directory); undefined for the default. */
  readonly targetDirectory: string | undefined;
}

/** Checks the whole setup document, recording every problem in ctx.collector. */
export function validateSetupDocument(ctx: SetupContext): SetupEntries {
  const { source, collector } = ctx;
  const empty: SetupEntries = { buffers: [], workers: [], baseConfig: {}, targetDirectory: undefined };
  if (source.value === null) {
    collector.error(source, [], 'the setup file is empty; expected the keys Buffers and Workers');
    return empty;
  }
  if (!isMapping(source.value)) {
    const got = describeValue(source.value);
    collector.error(source, [], `expected a mapping with the keys Buffers and Workers, got ${got}`);
    return empty;
  }
  const top = source.value;
  checkTopLevelKeys(ctx, top);

  const bufferSection = section(
    ctx,
    top,
    'Buffers',
    'the ring buffers: name -> {slot_count, data_length, data_dtype}',
  );
  const bufferNames = Object.keys(bufferSection ?? {});
  const buffers = Object.entries(bufferSection ?? {})
    .map(([name, value]) => validateBufferEntry(ctx, name, value))
    .filter((entry) => entry !== undefined);

  const workerSection = section(
    ctx,
    top,
    'Workers',
    'the workers: name -> {file, function, sources, sinks, ...}',
  );
  if (workerSection !== undefined && Object.keys(workerSection).length === 0) {
    collector.error(source, ['Workers'], 'no workers are declared; nothing would run', true);
  }
  const workers = Object.entries(workerSection ?? {})
    .map(([name, value]) => validateWorkerEntry(ctx, name, value, bufferNames))
    .filter((entry) => entry !== undefined);

  const baseConfig = ctx.configs.load(top['base_config'], ['base_config']) ?? {};
  return { buffers, workers, baseConfig, targetDirectory: getTargetDirectory(ctx, top) };
}

function checkTopLevelKeys(ctx: SetupContext, top: Record<string, unknown>): void {
  for (const key of Object.keys(top)) {
    if (TOP_LEVEL_KEYS.includes(key) || key === 'Options') continue;
    // A top-level key that holds an anchored value is a template for aliases and `<<` merges.
    if (ctx.source.hasAnchor([key])) continue;
    ctx.collector.error(
      ctx.source,
      [key],
      `unknown top-level key '${key}'${suggest(key, TOP_LEVEL_KEYS)}; the top level has the keys ` +
        `${TOP_LEVEL_KEYS.join(', ')}, and keys whose value carries a YAML anchor (&name) to hold templates`,
      true,
    );
  }
}

/** The mapping at `key` ({} for an empty one), or undefined after recording a problem. */
function section(
  ctx: SetupContext,
  top: Record<string, unknown>,
  key: string,
  meaning: string,
): Record<string, unknown> | undefined {
  const value = top[key];
  if (value === undefined) {
    ctx.collector.error(ctx.source, [], `missing key '${key}' (${meaning})`);
    return undefined;
  }
  if (value === null) return {};
  if (isMapping(value)) return value;
  ctx.collector.error(ctx.source, [key], `expected a mapping of ${meaning}, got ${describeValue(value)}`);
  return undefined;
}

function getTargetDirectory(ctx: SetupContext, top: Record<string, unknown>): string | undefined {
  const value = top['target_directory'];
  const target = value === undefined ? undefined : checkTargetDirectory(ctx, value);
  const standIn = readOriginalOptions(
    ctx,
    top['Options'],
    value === undefined ? undefined : (target ?? null),
  );
  return target ?? standIn;
}

function checkTargetDirectory(ctx: SetupContext, value: unknown): string | undefined {
  if (value === null) {
    ctx.collector.error(
      ctx.source,
      ['target_directory'],
      `expected a path, got nothing (null); a bare ~ is null in YAML: write '~' in quotes for the home ` +
        `directory, or leave the key out for the default (${DEFAULT_TARGET_DIRECTORY})`,
      true,
    );
    return undefined;
  }
  const problem =
    typeof value === 'string' ? getPathProblem(value) : `expected a path, got ${describeValue(value)}`;
  if (problem === undefined && typeof value === 'string') return value;
  ctx.collector.error(ctx.source, ['target_directory'], problem ?? 'expected a path');
  return undefined;
}
