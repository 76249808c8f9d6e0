import { computeLayout, MAX_SLOT_COUNT, parseDtype } from '../../buffer/index.js';
import { BufferConfigError } from '../../errors.js';
import { checkKnownKeys, checkWholeNumber, requireMapping, type SetupContext } from './context.js';
import { describeValue } from './problems.js';

const BUFFER_KEYS = ['slot_count', 'data_length', 'data_dtype', 'overwrite'] as const;

/** A Buffers entry whose keys all passed their checks (names as in the setup file). */
export interface BufferEntry {
  readonly name: string;
  readonly slot_count: number;
  readonly data_length: number;
  readonly data_dtype: Readonly<Record<string, string>>;
  readonly overwrite: boolean;
}

/** Checks one Buffers entry; undefined when it has a problem (recorded in ctx). */
export function validateBufferEntry(
  ctx: SetupContext,
  name: string,
  value: unknown,
): BufferEntry | undefined {
  const keyPath = ['Buffers', name];
  const isNameValid = checkBufferName(ctx, name);
  const entry = requireMapping(ctx, keyPath, value, 'a mapping with slot_count, data_length and data_dtype');
  if (entry === undefined) return undefined;
  checkKnownKeys(ctx, keyPath, entry, BUFFER_KEYS, 'a buffer');
  const slotCount = required(
    ctx,
    keyPath,
    entry,
    'slot_count',
    `slots in the ring, 1 to ${MAX_SLOT_COUNT}`,
    (v) => checkWholeNumber(ctx, [...keyPath, 'slot_count'], v, 1, MAX_SLOT_COUNT),
  );
  const dataLength = required(ctx, keyPath, entry, 'data_length', 'elements per field in one slot', (v) =>
    checkWholeNumber(ctx, [...keyPath, 'data_length'], v, 1),
  );
  const dtype = required(ctx, keyPath, entry, 'data_dtype', 'field name -> dtype, e.g. {ch1: f4}', (v) =>
    checkDataDtype(ctx, [...keyPath, 'data_dtype'], v),
  );
  const overwrite = checkOverwrite(ctx, [...keyPath, 'overwrite'], entry['overwrite']);
  if (!isNameValid || slotCount === undefined || dataLength === undefined || dtype === undefined)
    return undefined;
  if (overwrite === undefined) return undefined;
  return { name, slot_count: slotCount, data_length: dataLength, data_dtype: dtype, overwrite };
}

function required<T>(
  ctx: SetupContext,
  keyPath: readonly string[],
  entry: Record<string, unknown>,
  key: string,
  meaning: string,
  check: (value: unknown) => T | undefined,
): T | undefined {
  if (entry[key] !== undefined) return check(entry[key]);
  ctx.collector.error(ctx.source, keyPath, `missing key '${key}' (${meaning})`, true);
  return undefined;
}

// Buffer names name files: let the layout, which owns that rule, judge the name alone.
function checkBufferName(ctx: SetupContext, name: string): boolean {
  try {
    computeLayout({ name, slotCount: 1, dataLength: 1, fields: { x: 'u1' } });
    return true;
  } catch (error) {
    if (!(error instanceof BufferConfigError)) throw error;
    ctx.collector.error(ctx.source, ['Buffers', name], error.message, true);
    return false;
  }
}

function checkDataDtype(
  ctx: SetupContext,
  keyPath: readonly string[],
  value: unknown,
): Record<string, string> | undefined {
  const fields = requireMapping(ctx, keyPath, value, 'a mapping of field name -> dtype, e.g. {ch1: f4}');
  if (fields === undefined) return undefined;
  const entries = Object.entries(fields);
  if (entries.length === 0) {
    ctx.collector.error(
      ctx.source,
      keyPath,
      'expected at least one field, e.g. {ch1: f4}, got an empty mapping',
    );
    return undefined;
  }
  const checked: Record<string, string> = {};
  let isValid = true;
  for (const [field, dtype] of entries) {
    const parsed = parseDtype(dtype);
    if (typeof parsed === 'string') {
      ctx.collector.error(ctx.source, [...keyPath, field], parsed);
      isValid = false;
    } else if (typeof dtype === 'string') {
      checked[field] = dtype;
    }
  }
  return isValid ? checked : undefined;
}

function checkOverwrite(ctx: SetupContext, keyPath: readonly string[], value: unknown): boolean | undefined {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  ctx.collector.error(ctx.source, keyPath, `expected true or false, got ${describeValue(value)}`);
  return undefined;
}
