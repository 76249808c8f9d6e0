/**
 * The bins of one channel as numpy.histogram(values, bins=numpy.linspace(min, max, n)) counts:
 * n edges (computed as linspace does, so every edge is the same double), n - 1 bins, each
 * [edge_i, edge_i+1) but the last one closed; values outside, and NaN, are not counted.
 */
export class Bins {
  readonly edges: Float64Array;
  readonly counts: Float64Array;
  readonly #min: number;
  readonly #max: number;
  readonly #step: number;
  readonly #last: number;

  constructor(min: number, max: number, n: number) {
    this.edges = linspace(min, max, n);
    this.counts = new Float64Array(n - 1);
    this.#min = min;
    this.#max = max;
    this.#step = (max - min) / (n - 1);
    this.#last = n - 2;
  }

  /** Counts one value (a NaN or a value outside [min, max] is left out, as numpy does). */
  add(value: number): void {
    // NaN fails both comparisons' negations: !(NaN >= min) is true.
    if (!(value >= this.#min && value <= this.#max)) return;
    const edges = this.edges;
    let bin = Math.floor((value - this.#min) / this.#step);
    if (bin > this.#last) bin = this.#last;
    else if (bin < 0) bin = 0;
    // The estimate may miss by one against the rounded edges: settle it on the edges themselves.
    while (bin > 0 && value < (edges[bin] as number)) bin--;
    while (bin < this.#last && value >= (edges[bin + 1] as number)) bin++;
    this.counts[bin] = (this.counts[bin] as number) + 1;
  }
}

/** numpy.linspace(start, stop, num) (endpoint included), rounding step by step as numpy does. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const edges = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) {
    // numpy divides first when the step underflows to 0 (denormal ranges).
    edges[i] = (step === 0 ? (i / div) * delta : i * step) + start;
  }
  edges[num - 1] = stop;
  return edges;
}
