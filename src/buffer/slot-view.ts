import type { FieldArray } from './dtype.js';
import type { BufferLayout } from './layout.js';

/** The typed arrays of one slot, by field name: `data.ch1` is a view straight on the slot. */
export type SlotData = Record<string, FieldArray>;

const TWO_32 = 2 ** 32;

/**
 * The metadata of one slot, read and written in place: counter (int64), timestamp (float64,
 * seconds since the epoch) and deadtime (float64, fraction). Numbers, never BigInt.
 */
export class SlotMetadata {
  readonly #i32: Int32Array;
  readonly #f64: Float64Array;

  constructor(buffer: ArrayBufferLike, byteOffset: number) {
    this.#i32 = new Int32Array(buffer, byteOffset, 6);
    this.#f64 = new Float64Array(buffer, byteOffset, 3);
  }

  get counter(): number {
    return ((this.#i32[0] as number) >>> 0) + (this.#i32[1] as number) * TWO_32;
  }

  set counter(value: number) {
    this.#i32[0] = (value % TWO_32) | 0;
    this.#i32[1] = Math.floor(value / TWO_32) | 0;
  }

  get timestamp(): number {
    return this.#f64[1] as number;
  }

  set timestamp(value: number) {
    this.#f64[1] = value;
  }

  get deadtime(): number {
    return this.#f64[2] as number;
  }

  set deadtime(value: number) {
    this.#f64[2] = value;
  }

  /** Sets all three at once (what templates do when they pass an event on). */
  set3(counter: number, timestamp: number, deadtime: number): void {
    this.#i32[0] = (counter % TWO_32) | 0;
    this.#i32[1] = Math.floor(counter / TWO_32) | 0;
    this.#f64[1] = timestamp;
    this.#f64[2] = deadtime;
  }

  toJSON(): { counter: number; timestamp: number; deadtime: number } {
    return { counter: this.counter, timestamp: this.timestamp, deadtime: this.deadtime };
  }
}

/** One slot seen through views made once: no allocation per event. */
export interface SlotView {
  /** Slot index, or -1 for a writer's private scratch slot (paused buffer). */
  readonly index: number;
  readonly data: SlotData;
  readonly metadata: SlotMetadata;
  /** The slot's bytes, metadata included (for copies). */
  readonly bytes: Uint8Array;
}

/** Builds the views of a slot whose bytes start at `byteOffset` of `buffer`. */
export function makeSlotView(
  layout: BufferLayout,
  buffer: ArrayBufferLike,
  byteOffset: number,
  index: number,
): SlotView {
  const data: SlotData = {};
  for (const field of layout.fields) {
    const { ArrayType } = field.dtype;
    data[field.name] = new ArrayType(buffer, byteOffset + field.offset, field.elements);
  }
  return {
    index,
    data: Object.freeze(data),
    metadata: new SlotMetadata(buffer, byteOffset),
    bytes: new Uint8Array(buffer, byteOffset, layout.slotSize),
  };
}
