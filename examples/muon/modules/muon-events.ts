// The waveforms of the muon experiment: four scintillator panels A, B, C, D stacked vertically
// with copper between B and C, read out by a 4-channel oscilloscope. A muon passes all panels;
// one that stops in the copper decays, and the electron or positron leaves a second, delayed
// pulse in the panels above (decay "up") or below it (decay "down").
import type { SeededRandom } from 'mimocorb2';

/** Mean life of the muon at rest, in ns. */
export const MUON_LIFETIME_NS = 2197;
/** Spin precession in the field of the copper: P(up) = 0.5 − ½·A·cos(2πt/T). */
export const SPIN_PERIOD_NS = 0.85 * MUON_LIFETIME_NS;
export const SPIN_AMPLITUDE = 0.05;

/** P(decay up | decay time t): the simulated spin-precession modulation. */
export function upProbability(decayTimeNs: number): number {
  return 0.5 - 0.5 * SPIN_AMPLITUDE * Math.cos((2 * Math.PI * decayTimeNs) / SPIN_PERIOD_NS);
}

export interface MuonSourceParameters {
  /** The baseline of every channel, in mV. */
  readonly baselineMv: number;
  /** The trigger threshold above the baseline, in mV: the first panel's pulse reaches it. */
  readonly triggerHeightMv: number;
  readonly sampleTimeNs: number;
  /** Where the first pulse starts, in samples. */
  readonly preTriggerSamples: number;
  /** Samples of a pulse; its shape is exp(−t/τ) with τ = pulseWindow / 4. */
  readonly pulseWindow: number;
  /** Mean pulse heights in mV; each pulse draws one of them. */
  readonly pulseHeightsMv: readonly number[];
  /** Standard deviation of a pulse height in mV; by default 30 % of the drawn mean height. */
  readonly pulseSpreadMv: number | undefined;
  /** Probability that a panel gives a pulse for a particle that crosses it. */
  readonly detectorEfficiency: number;
  /** Probability that a muon stops in the copper and decays. */
  readonly stoppingProbability: number;
}

/** What one simulated event was. */
export type MuonEvent =
  | { readonly kind: 'passing' }
  | {
      readonly kind: 'stopped';
      readonly decayTimeNs: number;
      readonly isUp: boolean;
      /** false when the decay pulse would start too late to fit into the waveform: none is drawn. */
      readonly isInWindow: boolean;
    };

/** Draws the waveforms of muon events into one Float32Array per channel (A, B, C, D, in order). */
export class MuonEventSimulator {
  readonly #p: MuonSourceParameters;
  readonly #random: SeededRandom;
  readonly #pulse: Float32Array;
  readonly #noiseMv: number;

  constructor(parameters: MuonSourceParameters, random: SeededRandom) {
    this.#p = parameters;
    this.#random = random;
    const tau = parameters.pulseWindow / 4;
    this.#pulse = Float32Array.from({ length: parameters.pulseWindow }, (_, k) => Math.exp(-k / tau));
    const heights = parameters.pulseHeightsMv;
    // Uniform noise of ±(mean pulse height / 60) on every sample.
    this.#noiseMv = heights.reduce((sum, h) => sum + h, 0) / heights.length / 30;
  }

  /** Fills `channels` (each data_length samples) with the next event and says what it was. */
  simulate(channels: readonly Float32Array[]): MuonEvent {
    const p = this.#p;
    const random = this.#random;
    for (const channel of channels) {
      random.fillUniform(channel, p.baselineMv - this.#noiseMv / 2, p.baselineMv + this.#noiseMv / 2);
    }
    const isStopped = random.uniform() < p.stoppingProbability;
    // The muon crosses A and B before it stops in the copper; a passing one crosses all four.
    const crossed = isStopped ? Math.min(2, channels.length) : channels.length;
    for (let layer = 0; layer < crossed; layer++) {
      let height = this.#drawHeight();
      // The oscilloscope triggers on the first panel: its pulse reaches the trigger level.
      if (layer === 0) while (height < p.triggerHeightMv) height = this.#drawHeight();
      if (random.uniform() < p.detectorEfficiency)
        this.#addPulse(channels[layer], p.preTriggerSamples, height);
    }
    if (!isStopped) return { kind: 'passing' };

    const decayTimeNs = random.exponential(MUON_LIFETIME_NS);
    const start = Math.floor(decayTimeNs / p.sampleTimeNs) + p.preTriggerSamples;
    const isUp = random.uniform() < upProbability(decayTimeNs);
    const length = channels[0]?.length ?? 0;
    const isInWindow = start < length - p.pulseWindow;
    const [first, last] = isUp ? [0, 2] : [2, 4];
    for (let layer = first; layer < Math.min(last, channels.length); layer++) {
      const height = this.#drawHeight();
      if (isInWindow && random.uniform() < p.detectorEfficiency)
        this.#addPulse(channels[layer], start, height);
    }
    return { kind: 'stopped', decayTimeNs, isUp, isInWindow };
  }

  #drawHeight(): number {
    const heights = this.#p.pulseHeightsMv;
    const mean =
      heights.length === 1
        ? (heights[0] as number)
        : (heights[this.#random.integer(heights.length)] as number);
    return this.#random.normal(mean, this.#p.pulseSpreadMv ?? 0.3 * mean);
  }

  #addPulse(channel: Float32Array | undefined, start: number, height: number): void {
    if (channel === undefined) return;
    const pulse = this.#pulse;
    for (let k = 0; k < pulse.length; k++)
      channel[start + k] = (channel[start + k] as number) + height * (pulse[k] as number);
  }
}
