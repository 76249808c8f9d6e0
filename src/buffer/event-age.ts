import type { RingFile } from './ring-file.js';
import type { SlotMetadata } from './slot-view.js';
import { AttachmentByte, AttachmentWord, Role } from './shared-state.js';

// The age of events when readers take them (now minus the event's timestamp), sampled into a
// small histogram in each reader's process entry (bytes 64-127, docs/buffer-format.md). Everything
// that knows where the histogram lives is in this file.

/** Upper edges of the age bins in seconds, half decades from 10 µs to 100 s; the last bin is open. */
export const AGE_BIN_EDGES: readonly number[] = [
  1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3, 10, 30, 100,
];
export const AGE_BIN_COUNT = AGE_BIN_EDGES.length + 1;

// The sampling stride follows the rate so that a reader samples about every 30 ms whatever its
// rate: a clock read every 1024 events at most, and a stage that slows down still gets samples.
const MAX_STRIDE = 1024;
const SAMPLE_EVERY_SECONDS = 0.03;

/** Seconds since the epoch with µs resolution, as the importers stamp events. */
function nowSeconds(): number {
  return (performance.timeOrigin + performance.now()) / 1000;
}

/** A reader's side: counts down the stride and, when it runs out, bins one event's age. */
export class AgeSampler {
  readonly #u32: Uint32Array;
  readonly #firstBin: number;
  #stride = 1;
  #untilSample = 1;
  #lastSampled = 0;

  constructor(file: RingFile, attachment: number) {
    this.#u32 = file.u32;
    this.#firstBin = (file.attachmentBase(attachment) + AttachmentByte.AGE_BINS) >> 2;
  }

  /** Call for every event taken; looks at the clock and the timestamp only when a sample is due. */
  taken(metadata: SlotMetadata): void {
    if (--this.#untilSample > 0) return;
    const now = nowSeconds();
    const since = Math.max(now - this.#lastSampled, 1e-6);
    const stride = Math.round((this.#stride * SAMPLE_EVERY_SECONDS) / since);
    this.#stride = Math.min(MAX_STRIDE, Math.max(1, stride));
    this.#untilSample = this.#stride;
    this.#lastSampled = now;
    const timestamp = metadata.timestamp;
    if (!(timestamp > 0)) return; // a writer that stamps no time: no age
    const bin = this.#firstBin + ageBin(now - timestamp);
    this.#u32[bin] = (this.#u32[bin] as number) + 1; // one writer per entry
  }
}

/** The bin of an age in seconds. */
export function ageBin(seconds: number): number {
  let bin = 0;
  while (bin < AGE_BIN_EDGES.length && seconds > (AGE_BIN_EDGES[bin] as number)) bin++;
  return bin;
}

/** The samples of all readers of a buffer so far, summed per bin. */
export function readAgeBins(file: RingFile): number[] {
  const bins = new Array<number>(AGE_BIN_COUNT).fill(0);
  const { i32, u32 } = file;
  for (let index = 0; index < file.layout.attachmentCount; index++) {
    const base = file.attachmentBase(index);
    if (Atomics.load(i32, (base >> 2) + AttachmentWord.ROLE) !== Role.READER) continue;
    const first = (base + AttachmentByte.AGE_BINS) >> 2;
    for (let bin = 0; bin < AGE_BIN_COUNT; bin++)
      bins[bin] = (bins[bin] as number) + (u32[first + bin] as number);
  }
  return bins;
}

/**
 * The q-quantile (0..1) of binned ages, interpolated geometrically inside its bin (the bins are
 * spaced by factors); null without samples. The open last bin answers its lower edge.
 */
export function ageQuantile(bins: readonly number[], q: number): number | null {
  const total = bins.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (let bin = 0; bin < bins.length; bin++) {
    const count = bins[bin] as number;
    if (count > 0 && below + count >= rank) {
      const upper = AGE_BIN_EDGES[bin];
      const lower = bin === 0 ? (AGE_BIN_EDGES[0] as number) / 10 ** 0.5 : (AGE_BIN_EDGES[bin - 1] as number);
      if (upper === undefined) return lower;
      return lower * (upper / lower) ** Math.min(1, Math.max(0, (rank - below) / count));
    }
    below += count;
  }
  return AGE_BIN_EDGES[AGE_BIN_EDGES.length - 1] as number;
}
