import { CUT_OFF_SAMPLES, PAIR_BYTES } from './protocol.js';

/**
 * Copies `count` sample pairs from `wire` (from pair index `from`) into the channels at sample
 * index `to`: the one hot loop of the importer. A pair is one little-endian int32 whose low half
 * is IN1 and whose high half is IN2: one load per pair; the Int16Array stores keep the low 16 bits.
 */
export function deinterleave(
  wire: Int32Array,
  from: number,
  in1: Int16Array,
  in2: Int16Array,
  to: number,
  count: number,
): void {
  for (let i = 0; i < count; i++) {
    const pair = wire[from + i] as number;
    in1[to + i] = pair;
    in2[to + i] = pair >> 16;
  }
}

/**
 * Turns the bytes the device sends into waveforms, straight into a slot's IN1 and IN2 columns.
 * Bytes arrive in `buffer` (the socket reads into it, always from offset 0) in chunks of any size;
 * a sample pair split between two chunks waits in a 4-byte carry. When a waveform is complete the
 * rest of the chunk stays pending in `buffer` (the socket must pause) until the next waveform
 * begins. Of each waveform's N + 100 pairs the last 100 are dropped. Allocates nothing.
 */
export class WaveformAssembler {
  /** Where the socket reads to; its bytes are consumed before the next read. */
  readonly buffer: Buffer;
  readonly #wire: Int32Array;
  readonly #carry = Buffer.from(new ArrayBuffer(PAIR_BYTES));
  readonly #carryWire = new Int32Array(this.#carry.buffer, 0, 1);
  readonly #keepPairs: number;
  readonly #waveformPairs: number;
  #carried = 0;
  #in1: Int16Array | null = null;
  #in2: Int16Array | null = null;
  /** Pairs of the current waveform taken so far. */
  #pairs = 0;
  #pendingStart = 0;
  #pendingEnd = 0;
  /** Waveforms completed since the start. */
  completed = 0;

  constructor(samples: number, bufferBytes: number) {
    this.#keepPairs = samples;
    this.#waveformPairs = samples + CUT_OFF_SAMPLES;
    // Its own ArrayBuffer: offset 0, so the int32 view is aligned.
    this.buffer = Buffer.from(new ArrayBuffer(bufferBytes));
    this.#wire = new Int32Array(this.buffer.buffer, 0, bufferBytes >> 2);
  }

  /** Bytes of the current waveform received so far (for messages). */
  get bytesReceived(): number {
    return this.#pairs * PAIR_BYTES + this.#carried;
  }

  get waveformBytes(): number {
    return this.#waveformPairs * PAIR_BYTES;
  }

  /** Whether the device has begun sending the current waveform. */
  get isInsideWaveform(): boolean {
    return this.#pairs > 0 || this.#carried > 0;
  }

  get hasPending(): boolean {
    return this.#pendingEnd > this.#pendingStart;
  }

  /** The next waveform goes into these channels (data_length samples each). */
  begin(in1: Int16Array, in2: Int16Array): void {
    this.#in1 = in1;
    this.#in2 = in2;
    this.#pairs = 0;
  }

  /**
   * Takes `count` new bytes at buffer[0..count), which must hold nothing pending. True when the
   * socket must pause: the waveform is complete (or none has begun) and bytes may be pending.
   */
  push(count: number): boolean {
    this.#pendingStart = 0;
    this.#pendingEnd = count;
    return this.#consume();
  }

  /** Goes on with pending bytes; true when they completed the waveform. */
  resume(): boolean {
    return this.#pendingEnd > this.#pendingStart && this.#consume();
  }

  #consume(): boolean {
    if (this.#in1 === null) return true;
    let start = this.#pendingStart;
    let end = this.#pendingEnd;
    if (this.#carried > 0 && start < end) {
      const take = Math.min(PAIR_BYTES - this.#carried, end - start);
      this.buffer.copy(this.#carry, this.#carried, start, start + take);
      this.#carried += take;
      start += take;
      if (this.#carried === PAIR_BYTES) {
        this.#carried = 0;
        this.#take(this.#carryWire, 0, 1);
        if (this.#pairs === this.#waveformPairs) return this.#complete(start, end);
      }
    }
    if ((start & 3) !== 0) {
      // The pairs do not start on 4 bytes (a chunk that split a pair came before): realign them.
      this.buffer.copyWithin(0, start, end);
      end -= start;
      start = 0;
    }
    start += this.#take(this.#wire, start >> 2, (end - start) >> 2) * PAIR_BYTES;
    if (this.#pairs === this.#waveformPairs) return this.#complete(start, end);
    if (end > start) {
      this.buffer.copy(this.#carry, 0, start, end);
      this.#carried = end - start;
    }
    this.#pendingStart = this.#pendingEnd = 0;
    return false;
  }

  /** Takes up to `available` pairs of `wire` from pair index `from`; returns how many it took. */
  #take(wire: Int32Array, from: number, available: number): number {
    const kept = Math.max(0, Math.min(available, this.#keepPairs - this.#pairs));
    if (kept > 0) {
      deinterleave(wire, from, this.#in1 as Int16Array, this.#in2 as Int16Array, this.#pairs, kept);
      this.#pairs += kept;
    }
    const dropped = Math.min(available - kept, this.#waveformPairs - this.#pairs);
    this.#pairs += dropped;
    return kept + dropped;
  }

  #complete(start: number, end: number): true {
    this.#pendingStart = start;
    this.#pendingEnd = end;
    this.#in1 = this.#in2 = null;
    this.#pairs = 0;
    this.completed++;
    return true;
  }
}
