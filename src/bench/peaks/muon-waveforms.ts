import { mulberry32 } from '../../simulation/mulberry32.js';

/** Samples per waveform of the muon example (4 channels of 4250 samples in the original). */
export const MUON_WAVEFORM_SAMPLES = 4250;

/** The same waveforms in every run: a seeded generator. */
export const makeRandom: (seed: number) => () => number = mulberry32;

/** A normally distributed sample (Box-Muller). */
export function makeNormal(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Muon-panel-like waveforms, as the original's simulated source makes them (in mV): noise of
 * 8 mV and 1 to 3 exponential pulses (instant rise, 25-sample decay) of 75 to 375 mV. `count`
 * waveforms of `samples` each, one after the other.
 */
export function makeMuonWaveforms(count: number, samples = MUON_WAVEFORM_SAMPLES, seed = 1): Float32Array {
  const random = makeRandom(seed);
  const normal = makeNormal(random);
  const waveforms = new Float32Array(count * samples);
  for (let w = 0; w < count; w++) {
    const wave = waveforms.subarray(w * samples, (w + 1) * samples);
    for (let i = 0; i < samples; i++) wave[i] = 8 * normal();
    const pulses = 1 + Math.floor(random() * 3);
    for (let p = 0; p < pulses; p++) {
      const start = Math.floor(random() * (samples - 100));
      const height = 250 * (0.3 + 1.2 * random());
      for (let i = start; i < samples; i++) {
        const value = height * Math.exp(-(i - start) / 25);
        if (value < 1e-3) break;
        wave[i] = (wave[i] as number) + value;
      }
    }
  }
  return waveforms;
}
