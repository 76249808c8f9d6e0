import type { BufferLayout, FieldArray } from '../../../buffer/index.js';
import type { EventData, EventMetadata } from '../../../templates/index.js';
import { cellTextFor, type CellText } from './cell-text.js';
import { float64Text } from './float-text.js';
import { csvCell } from './row-text.js';

const COMMA = 0x2c;
const NEWLINE = 0x0a;
/** Longest text of a number cell: `-1.2345678901234567e-308`, an int64, `True`. */
const NUMBER_CELL_BYTES = 32;
const MIN_CAPACITY = 1024 * 1024;

/**
 * CSV rows of events, written cell by cell into one reused buffer: concatenated row strings
 * cost the exporter twice as much, csv-stringify five times (docs/performance.md, CSV). Take the
 * rows out with `bytes` and `clear()` before it is full.
 */
export class RowBuffer {
  readonly #bytes: Buffer;
  readonly #names: readonly string[];
  readonly #cells: readonly CellText[];
  /** The longest row this layout can give. */
  readonly #maxRowBytes: number;
  #length = 0;

  constructor(layout: BufferLayout) {
    this.#names = layout.fields.map((field) => field.name);
    this.#cells = layout.fields.map((field) => {
      const text = cellTextFor(field.dtype);
      return field.dtype.kind === 'S' ? (column) => csvCell(text(column)) : text;
    });
    // An S<n> cell may double every byte (escapes, quotes) and add two quotes.
    const cellBytes = layout.fields.map((f) =>
      f.dtype.kind === 'S' ? 2 * f.dtype.itemsize + 2 : NUMBER_CELL_BYTES,
    );
    this.#maxRowBytes = 3 * NUMBER_CELL_BYTES + cellBytes.reduce((sum, bytes) => sum + bytes + 1, 0) + 3;
    this.#bytes = Buffer.allocUnsafe(Math.max(MIN_CAPACITY, 4 * this.#maxRowBytes));
  }

  /** Appends the row of one event. */
  add(data: EventData, metadata: EventMetadata): void {
    const bytes = this.#bytes;
    let at = this.#length;
    at += bytes.write(String(metadata.counter), at, 'latin1');
    bytes[at++] = COMMA;
    at += bytes.write(float64Text(metadata.timestamp), at, 'latin1');
    bytes[at++] = COMMA;
    at += bytes.write(float64Text(metadata.deadtime), at, 'latin1');
    const names = this.#names;
    const cells = this.#cells;
    for (let i = 0; i < names.length; i++) {
      bytes[at++] = COMMA;
      at += bytes.write((cells[i] as CellText)(data[names[i] as string] as FieldArray), at, 'latin1');
    }
    bytes[at++] = NEWLINE;
    this.#length = at;
  }

  /** Whether the next row might not fit. */
  get isFull(): boolean {
    return this.#length + this.#maxRowBytes > this.#bytes.length;
  }

  /** The rows so far (a view, valid until the next add or clear). */
  get bytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  clear(): void {
    this.#length = 0;
  }
}
