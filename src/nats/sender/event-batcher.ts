import type { RingBuffer, SlotView } from '../../buffer/index.js';

/** Events packed for one message: `data` holds `events` events of `eventBytes` each. */
export interface EventBatch {
  readonly data: Uint8Array;
  readonly events: number;
  /** The memory behind `data`, back to the batcher once the message is acknowledged. */
  readonly memory: Uint8Array;
}

/**
 * Packs events into messages: each event is the first `eventBytes` of its slot, copied once.
 * Memory comes from a small pool, so a steady stream allocates nothing per event or message.
 */
export class EventBatcher {
  readonly eventBytes: number;
  /** Events per message: max_batch_events, or fewer to stay within the byte limit. */
  readonly capacity: number;
  readonly #ring: RingBuffer;
  /** Per slot, a view of the bytes that travel (made on first use). */
  readonly #spans: (Uint8Array | undefined)[];
  readonly #pool: Uint8Array[] = [];
  #memory: Uint8Array;
  #count = 0;

  constructor(ring: RingBuffer, eventBytes: number, maxEvents: number, maxBytes: number) {
    this.#ring = ring;
    this.eventBytes = eventBytes;
    this.capacity = Math.max(1, Math.min(maxEvents, Math.floor(maxBytes / eventBytes)));
    this.#spans = new Array<Uint8Array | undefined>(ring.layout.slotCount);
    this.#memory = new Uint8Array(this.capacity * eventBytes);
  }

  get count(): number {
    return this.#count;
  }

  get isFull(): boolean {
    return this.#count === this.capacity;
  }

  /** Copies an event in. Only when not full. */
  add(event: SlotView): void {
    let span = this.#spans[event.index];
    if (span === undefined) {
      span = this.#ring.slotView(event.index).bytes.subarray(0, this.eventBytes);
      this.#spans[event.index] = span;
    }
    this.#memory.set(span, this.#count * this.eventBytes);
    this.#count++;
  }

  /** The events added so far, as one message; the batcher starts an empty one. */
  take(): EventBatch {
    const memory = this.#memory;
    const batch = { data: memory.subarray(0, this.#count * this.eventBytes), events: this.#count, memory };
    this.#memory = this.#pool.pop() ?? new Uint8Array(memory.length);
    this.#count = 0;
    return batch;
  }

  /** A message's memory can be used again (its publish was acknowledged). */
  recycle(batch: EventBatch): void {
    this.#pool.push(batch.memory);
  }
}
