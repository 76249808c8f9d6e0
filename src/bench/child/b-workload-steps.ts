// B's per-event work without the framework, one event per call: the in-place importer's fill,
// the filter's copy and the checking exporter's check, on rings of slots laid out as a buffer of
// f4 columns (computeLayout). The b-workload child times each alone in one process; the b-floor
// child runs them in three processes over a shared file.
import { computeLayout, type BufferLayout } from '../../buffer/layout.js';

export type BSlot = { readonly bytes: Uint8Array; readonly data: Readonly<Record<string, Float32Array>> };

/** The field names (ch1, ch2, ...) of `fieldCount` f4 columns. */
export function getBFieldNames(fieldCount: number): string[] {
  return Array.from({ length: fieldCount }, (_, i) => `ch${i + 1}`);
}

/** The slot layout of a buffer of `fieldCount` f4 columns of `length` elements and `slots` slots. */
export function getBLayout(length: number, fieldCount: number, slots: number): BufferLayout {
  const names = getBFieldNames(fieldCount);
  return computeLayout({
    name: 'b-workload',
    slotCount: slots,
    dataLength: length,
    fields: Object.fromEntries(names.map((name) => [name, 'f4'])),
  });
}

/** Views on `layout.slotCount` slots of `layout.slotSize` bytes each, from `offset` of `memory`. */
export function makeRing(layout: BufferLayout, memory: ArrayBufferLike, offset = 0): BSlot[] {
  return Array.from({ length: layout.slotCount }, (_, i) => {
    const start = offset + i * layout.slotSize;
    const data: Record<string, Float32Array> = {};
    for (const field of layout.fields)
      data[field.name] = new Float32Array(memory, start + field.offset, field.elements);
    return { bytes: new Uint8Array(memory, start, layout.slotSize), data: Object.freeze(data) };
  });
}

/** The in-place importer's work for event `counter`: every element of every field set to it. */
export function fillEvent(slot: BSlot, names: readonly string[], counter: number): void {
  for (const name of names) (slot.data[name] as Float32Array).fill(counter);
}

/** The filter's work for one event: the whole slot, metadata included, into the sink's slot. */
export function copyEvent(from: BSlot, to: BSlot): void {
  to.bytes.set(from.bytes);
}

/** checkingExporter's code per event (worker-module.ts), its counts kept between events. */
export class EventCheck {
  readonly #names: readonly string[];
  readonly #seen: Uint8Array;
  readonly #events: number;
  readonly #halfway: number;
  received = 0;
  duplicates = 0;
  outOfRange = 0;
  wrongValues = 0;
  outOfOrder = 0;
  halfwayMs = 0;
  lastReceivedMs = 0;

  constructor(names: readonly string[], events: number) {
    this.#names = names;
    this.#events = events;
    this.#seen = new Uint8Array(events);
    this.#halfway = Math.ceil(events / 2);
  }

  check(slot: BSlot, counter: number): void {
    if (counter >= 0 && counter < this.#events) {
      if (this.#seen[counter] === 1) this.duplicates++;
      else this.#seen[counter] = 1;
    } else this.outOfRange++;
    for (const name of this.#names) {
      const values = slot.data[name] as Float32Array;
      if (values[0] !== counter || values[values.length - 1] !== counter) this.wrongValues++;
    }
    if (counter !== this.received) this.outOfOrder++;
    this.received++;
    if (this.received === this.#halfway) this.halfwayMs = performance.now();
    if (this.received === this.#events) this.lastReceivedMs = performance.now();
  }

  /** Events that were duplicated, out of range, altered or out of order. */
  get faults(): number {
    return this.duplicates + this.outOfRange + this.wrongValues + this.outOfOrder;
  }
}
