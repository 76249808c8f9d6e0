import type { MaximaStack } from './prominences-of-maxima.js';
import type { Valleys } from './valleys.js';

/**
 * Working arrays of findPeaks, kept between calls so that a call allocates only its outputs.
 * Every array has room for all local maxima of a signal (at most half its samples, plus one).
 */
export class PeakScratch {
  capacity = 0;
  peaks = new Int32Array(0);
  leftEdges = new Int32Array(0);
  rightEdges = new Int32Array(0);
  plateauSizes = new Int32Array(0);
  heights = new Float64Array(0);
  leftThresholds = new Float64Array(0);
  rightThresholds = new Float64Array(0);
  prominences = new Float64Array(0);
  leftBases = new Int32Array(0);
  rightBases = new Int32Array(0);
  widths = new Float64Array(0);
  widthHeights = new Float64Array(0);
  leftIps = new Float64Array(0);
  rightIps = new Float64Array(0);
  /** The valleys around the local maxima (one more than maxima) and the stack of their pass. */
  readonly valleys: Valleys = {
    low: new Float64Array(0),
    lowFirst: new Int32Array(0),
    lowLast: new Int32Array(0),
    minimaFirst: new Int32Array(0),
    minimaLast: new Int32Array(0),
  };
  readonly stack: MaximaStack = {
    height: new Float64Array(0),
    low: new Float64Array(0),
    lowAt: new Int32Array(0),
  };
  keep = new Uint8Array(0);
  order = new Int32Array(0);
  merge = new Int32Array(0);
  /**
   * The arrays that hold a property of the current peaks (the peaks first): what a selection
   * compacts. A fixed array and a count, not push/length = 0, which would allocate per call.
   */
  readonly #active: (Int32Array | Float64Array | undefined)[] = new Array<undefined>(16).fill(undefined);
  #activeCount = 0;

  /** Forgets the property arrays of the last signal. */
  resetActive(): void {
    this.#activeCount = 0;
  }

  /** Adds an array of one entry per current peak, compacted along with them. */
  activate(values: Int32Array | Float64Array): void {
    this.#active[this.#activeCount++] = values;
  }

  /** Makes room for the local maxima of a signal of `length` samples. */
  ensure(length: number): void {
    const needed = (length >> 1) + 2;
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, this.capacity * 2);
    this.capacity = capacity;
    this.peaks = new Int32Array(capacity);
    this.leftEdges = new Int32Array(capacity);
    this.rightEdges = new Int32Array(capacity);
    this.plateauSizes = new Int32Array(capacity);
    this.heights = new Float64Array(capacity);
    this.leftThresholds = new Float64Array(capacity);
    this.rightThresholds = new Float64Array(capacity);
    this.prominences = new Float64Array(capacity);
    this.leftBases = new Int32Array(capacity);
    this.rightBases = new Int32Array(capacity);
    this.widths = new Float64Array(capacity);
    this.widthHeights = new Float64Array(capacity);
    this.leftIps = new Float64Array(capacity);
    this.rightIps = new Float64Array(capacity);
    this.valleys.low = new Float64Array(capacity);
    this.valleys.lowFirst = new Int32Array(capacity);
    this.valleys.lowLast = new Int32Array(capacity);
    this.valleys.minimaFirst = new Int32Array(capacity);
    this.valleys.minimaLast = new Int32Array(capacity);
    this.stack.height = new Float64Array(capacity);
    this.stack.low = new Float64Array(capacity);
    this.stack.lowAt = new Int32Array(capacity);
    this.keep = new Uint8Array(capacity);
    this.order = new Int32Array(capacity);
    this.merge = new Int32Array(capacity);
  }

  /**
   * Keeps the first `count` entries of every active array whose `keep` flag is set, in order;
   * returns how many are left.
   */
  compact(count: number): number {
    const keep = this.keep;
    let kept = 0;
    for (let k = 0; k < count; k++) if (keep[k] !== 0) kept++;
    if (kept === count) return count;
    for (let a = 0; a < this.#activeCount; a++) {
      const values = this.#active[a] as Int32Array | Float64Array;
      let out = 0;
      for (let k = 0; k < count; k++) if (keep[k] !== 0) values[out++] = values[k] as number;
    }
    return kept;
  }
}
