import type { Dtype, FieldArray } from '../buffer/index.js';

// How `mimocorb2 inspect` shows the values of a field column: as JSON values for scripts, and
// abbreviated the way numpy prints arrays for people.

/** A column element as JSON can carry it: NaN and infinities and unsafe 64-bit integers become strings. */
export type JsonValue = number | string | boolean;

/** Columns longer than this are shown as their first and last EDGE_ITEMS elements. */
export const SUMMARY_THRESHOLD = 10;
export const EDGE_ITEMS = 3;

/** Significant digits that always tell two float32 values apart. */
const FLOAT32_MAX_DIGITS = 9;

/**
 * The shortest decimal that reads back as the same float32, and of those the nearest, the even
 * last digit on a tie (numpy's Dragon4, which prints f4 so).
 */
function shortestFloat32(value: number): number {
  for (let digits = 1; digits < FLOAT32_MAX_DIGITS; digits++) {
    const candidate = roundHalfEven(value, digits);
    if (Math.fround(candidate) === value) return candidate;
  }
  return roundHalfEven(value, FLOAT32_MAX_DIGITS);
}

// toPrecision rounds an exact tie away from zero; numpy to the even digit. A float32 is exact in
// 101 significant digits (a tie has at most 10), so toExponential(100) shows whether it is one.
function roundHalfEven(value: number, digits: number): number {
  const rounded = value.toPrecision(digits);
  const [mantissa = '', exponent = ''] = Math.abs(value).toExponential(100).split('e');
  const significant = mantissa.replace('.', '').replace(/0+$/, '');
  const isTie = significant.length === digits + 1 && significant.endsWith('5');
  if (!isTie || Number(rounded.replace(/e.*$/, '').slice(-1)) % 2 === 0) return Number(rounded);
  const truncated = `${significant[0]}.${significant.slice(1, digits)}e${exponent}`;
  return Math.sign(value) * Number(truncated);
}

function floatToJson(value: number, itemsize: number): JsonValue {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return itemsize === 4 ? shortestFloat32(value) : value;
}

function bigintToJson(value: bigint): JsonValue {
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
}

/** Bytes of an `S<n>` element as numpy's bytes.decode() would give them: up to the first NUL. */
function bytesToString(array: FieldArray, start: number, length: number): string {
  let text = '';
  for (let k = start; k < start + length; k++) {
    const byte = array[k] as number;
    if (byte === 0) break;
    text += String.fromCharCode(byte);
  }
  return text;
}

/** The column as a list of JSON values, one per element (an `S<n>` element is one string). */
export function columnToJson(dtype: Dtype, array: FieldArray): JsonValue[] {
  const values: JsonValue[] = [];
  if (dtype.kind === 'S') {
    for (let start = 0; start < array.length; start += dtype.itemsize) {
      values.push(bytesToString(array, start, dtype.itemsize));
    }
    return values;
  }
  for (const element of array) {
    if (typeof element === 'bigint') values.push(bigintToJson(element));
    else if (dtype.kind === 'b') values.push(element !== 0);
    else if (dtype.kind === 'f') values.push(floatToJson(element, dtype.itemsize));
    else values.push(element);
  }
  return values;
}

function formatElement(value: JsonValue, kind: Dtype['kind']): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (kind === 'S') return `b${JSON.stringify(value)}`;
  if (typeof value === 'string') return value === 'NaN' ? 'nan' : value.replace('Infinity', 'inf');
  if (kind === 'f' && Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.`;
  return String(value);
}

/** The column the way numpy prints an array: `[0. 1. 2. ... 7. 8. 9.]` once it is long. */
export function formatColumn(dtype: Dtype, array: FieldArray): string {
  const values = columnToJson(dtype, array);
  const shown =
    values.length > SUMMARY_THRESHOLD
      ? [...values.slice(0, EDGE_ITEMS), null, ...values.slice(values.length - EDGE_ITEMS)]
      : values;
  return `[${shown.map((v) => (v === null ? '...' : formatElement(v, dtype.kind))).join(' ')}]`;
}

/** Seconds since the epoch as an ISO time with microseconds, e.g. `2025-01-02T03:04:05.123456Z`. */
export function isoTime(seconds: number): string {
  const micros = Math.round(seconds * 1e6);
  if (!Number.isFinite(micros) || Math.abs(micros) > 8.64e18) return String(seconds);
  const millis = Math.floor(micros / 1000);
  const iso = new Date(millis).toISOString();
  return `${iso.slice(0, -1)}${String(micros - millis * 1000).padStart(3, '0')}Z`;
}
