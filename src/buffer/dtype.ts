import { BufferConfigError } from '../errors.js';

/** A typed array that can view one field column of a slot. */
export type FieldArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

type FieldArrayConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => FieldArray;

/** What a dtype string means: numpy's own description plus the typed array that views it. */
export interface Dtype {
  /** numpy's canonical descr string, e.g. `<f4`, `|b1`, `|S8`. */
  readonly descr: string;
  /** 'f' float, 'i' signed, 'u' unsigned, 'b' bool, 'S' bytes. */
  readonly kind: 'f' | 'i' | 'u' | 'b' | 'S';
  /** Bytes per element (for `S<n>`: n). */
  readonly itemsize: number;
  /** Alignment of the column in bytes. */
  readonly alignment: number;
  /** Typed-array elements per record element (`S<n>`: n bytes). */
  readonly elementsPerItem: number;
  /** The typed array over one column. */
  readonly ArrayType: FieldArrayConstructor;
}

const NUMERIC: Record<string, { kind: Dtype['kind']; itemsize: number; ArrayType: FieldArrayConstructor }> = {
  f4: { kind: 'f', itemsize: 4, ArrayType: Float32Array },
  f8: { kind: 'f', itemsize: 8, ArrayType: Float64Array },
  i1: { kind: 'i', itemsize: 1, ArrayType: Int8Array },
  i2: { kind: 'i', itemsize: 2, ArrayType: Int16Array },
  i4: { kind: 'i', itemsize: 4, ArrayType: Int32Array },
  i8: { kind: 'i', itemsize: 8, ArrayType: BigInt64Array },
  u1: { kind: 'u', itemsize: 1, ArrayType: Uint8Array },
  u2: { kind: 'u', itemsize: 2, ArrayType: Uint16Array },
  u4: { kind: 'u', itemsize: 4, ArrayType: Uint32Array },
  u8: { kind: 'u', itemsize: 8, ArrayType: BigUint64Array },
  b1: { kind: 'b', itemsize: 1, ArrayType: Uint8Array },
};

const NAMED: Record<string, string> = {
  float32: 'f4',
  float64: 'f8',
  int8: 'i1',
  int16: 'i2',
  int32: 'i4',
  int64: 'i8',
  uint8: 'u1',
  uint16: 'u2',
  uint32: 'u4',
  uint64: 'u8',
  bool: 'b1',
  // numpy's other names of the same types (np.dtype() takes them, so the original's setups may too).
  float: 'f8',
  double: 'f8',
  float_: 'f8',
  single: 'f4',
  int: 'i8',
  int_: 'i8',
  intp: 'i8',
  long: 'i8',
  longlong: 'i8',
  intc: 'i4',
  short: 'i2',
  byte: 'i1',
  uint: 'u8',
  uintp: 'u8',
  ulong: 'u8',
  ulonglong: 'u8',
  uintc: 'u4',
  ushort: 'u2',
  ubyte: 'u1',
  bool_: 'b1',
  f: 'f4',
  d: 'f8',
  b: 'i1',
  B: 'u1',
  h: 'i2',
  H: 'u2',
  i: 'i4',
  I: 'u4',
  l: 'i8',
  L: 'u8',
  q: 'i8',
  Q: 'u8',
  '?': 'b1',
};

const ACCEPTED = 'f4 f8 float32 float64 i1 i2 i4 i8 int8..int64 u1 u2 u4 u8 uint8..uint64 b1 bool S<n>';

/**
 * Parses a numpy-style dtype string (`f4`, `<f8`, `int16`, `bool`, `S10`, ...). Byte order may be
 * `<` (little), `=` (native, little here) or `|` (not applicable); big-endian `>` is refused because
 * typed arrays view memory in the machine's order.
 */
export function parseDtype(value: unknown): Dtype | string {
  if (typeof value !== 'string') return `expected a dtype string (${ACCEPTED}), got ${describe(value)}`;
  let text = value.trim();
  const order = text[0];
  if (order === '<' || order === '=' || order === '|') text = text.slice(1);
  else if (order === '>' || order === '!')
    return `big-endian dtype '${value}' is not supported (typed arrays use the machine's little-endian order); use '<${text.slice(1)}'`;
  const code = NAMED[text] ?? text;
  const numeric = NUMERIC[code];
  if (numeric) {
    const prefix = numeric.itemsize === 1 ? '|' : '<';
    return {
      descr: `${prefix}${code}`,
      kind: numeric.kind,
      itemsize: numeric.itemsize,
      alignment: numeric.itemsize,
      elementsPerItem: 1,
      ArrayType: numeric.ArrayType,
    };
  }
  const bytes = /^[Sa](\d+)$/.exec(code);
  if (bytes?.[1] !== undefined) {
    const n = Number(bytes[1]);
    if (n < 1 || n > 65536) return `string dtype '${value}' needs a length from 1 to 65536`;
    return {
      descr: `|S${n}`,
      kind: 'S',
      itemsize: n,
      alignment: 1,
      elementsPerItem: n,
      ArrayType: Uint8Array,
    };
  }
  return `unknown dtype '${value}'; expected one of ${ACCEPTED}`;
}

/** Like parseDtype, but throws a BufferConfigError naming the buffer and field. */
export function validateDtype(bufferName: string, field: string, value: unknown): Dtype {
  const parsed = parseDtype(value);
  if (typeof parsed === 'string') {
    throw new BufferConfigError(`buffer '${bufferName}', field '${field}': ${parsed}`);
  }
  return parsed;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
