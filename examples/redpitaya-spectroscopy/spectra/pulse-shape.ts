/**
 * The pulse of a scintillation detector after a CR-(RC)^M shaper: (t/τ)^M·e^(−t/τ)/M!,
 * normalised to a height of 1 (its top is at t = M·τ), t in samples.
 */
export class PulseShape {
  readonly m: number;
  readonly tau: number;

  constructor(m: number, tau: number) {
    this.m = m;
    this.tau = tau;
  }

  /** The pulse at `t` samples after it starts (0 before). */
  at(t: number): number {
    if (t <= 0) return this.m === 0 ? (t === 0 ? 1 : 0) : 0;
    const x = t / this.tau;
    return (x / this.m) ** this.m * Math.exp(this.m - x);
  }
}

/**
 * Where a pulse of height `amplitude` must start (a fractional sample) so that its rising edge
 * crosses `triggerLevel` at sample `triggerSample`, as a triggered digitiser records it.
 */
export function pulseStart(
  shape: PulseShape,
  amplitude: number,
  triggerLevel: number,
  triggerSample: number,
): number {
  const fraction = triggerLevel / amplitude;
  if (fraction <= 0 || shape.m === 0) return triggerSample;
  // The rise is monotonic from 0 to the top at M·τ: bisect for the crossing.
  let low = 0;
  let high = shape.m * shape.tau;
  for (let i = 0; i < 50; i++) {
    const middle = (low + high) / 2;
    if (shape.at(middle) < fraction) low = middle;
    else high = middle;
  }
  return triggerSample - high;
}
