import type { BufferLayout } from '../buffer/index.js';
import { isRecord } from '../is-record.js';

/**
 * How the events of a buffer travel: each message holds whole events, each event the first
 * `eventBytes` bytes of its slot (metadata, then the field columns as in the buffer file), so
 * both ends need the same data_length and data_dtype. `text` says which, in the stream's
 * registry and in a header of every message.
 */
export interface WireLayout {
  /** `{"data_length":1,"dtype":{"x":"<f8"}}`: numpy's dtype strings, fields in column order. */
  readonly text: string;
  readonly eventBytes: number;
}

/** The wire layout of a buffer. */
export function wireLayoutOf(layout: BufferLayout): WireLayout {
  const dtype = Object.fromEntries(layout.fields.map((field) => [field.name, field.dtype.descr]));
  const last = layout.fields[layout.fields.length - 1];
  const eventBytes = last === undefined ? 0 : last.offset + last.byteLength;
  return { text: JSON.stringify({ data_length: layout.dataLength, dtype }), eventBytes };
}

/** `data_length 1, data_dtype {x: <f8}` for a layout text, as a setup file would say it. */
export function describeWireLayout(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed) && isRecord(parsed['dtype'])) {
      const fields = Object.entries(parsed['dtype']).map(([name, dtype]) => `${name}: ${String(dtype)}`);
      return `data_length ${String(parsed['data_length'])}, data_dtype {${fields.join(', ')}}`;
    }
  } catch {
    // Not ours: show it as it is.
  }
  return JSON.stringify(text);
}
