import { SeededRandom } from 'mimocorb2';
import { describe, expect, it } from 'vitest';
import {
  MUON_LIFETIME_NS,
  MuonEventSimulator,
  upProbability,
  type MuonEvent,
  type MuonSourceParameters,
} from '../../../examples/muon/modules/muon-events.js';
import { MUON_EXAMPLE_SOURCE } from '../../fixtures/examples/muon-source.js';

function simulate(count: number, parameters: Partial<MuonSourceParameters>, seed = 1, withMaxima = false) {
  const simulator = new MuonEventSimulator({ ...MUON_EXAMPLE_SOURCE, ...parameters }, new SeededRandom(seed));
  const channels = [0, 1, 2, 3].map(() => new Float32Array(4250));
  const events: MuonEvent[] = [];
  const maxima: number[][] = [];
  for (let i = 0; i < count; i++) {
    events.push(simulator.simulate(channels));
    if (withMaxima) maxima.push(channels.map((channel) => channel.reduce((a, b) => Math.max(a, b))));
  }
  return { events, maxima, channels };
}

describe("the muon example's simulated source", () => {
  it('draws noise of ±(height/60) around the baseline, pulses at the pre-trigger position', () => {
    const { channels } = simulate(1, { detectorEfficiency: 1, stoppingProbability: 0 }, 3);
    for (const channel of channels) {
      const quiet = Array.from(channel.subarray(0, 500));
      expect(Math.min(...quiet)).toBeGreaterThanOrEqual(-480 - 250 / 60);
      expect(Math.max(...quiet)).toBeLessThan(-480 + 250 / 60);
      // A passing muon: a pulse exp(-t/25) starting at sample 500 in every panel.
      const top = (channel[500] as number) + 480;
      expect(top).toBeGreaterThan(20);
      expect(((channel[525] as number) + 480) / top).toBeCloseTo(Math.exp(-1), 1);
    }
  });

  it('stops one muon in ten, puts its decay up or down with the spin modulation, with exponential times', () => {
    const { events } = simulate(5000, {}, 5);
    const stopped = events.filter((e) => e.kind === 'stopped');
    // Binomial: 500 ± 21 expected.
    expect(Math.abs(stopped.length - 500)).toBeLessThan(5 * 21);
    const all = simulate(3000, { stoppingProbability: 1 }, 6).events.filter((e) => e.kind === 'stopped');
    const times = all.map((e) => e.decayTimeNs);
    const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
    expect(Math.abs(mean - MUON_LIFETIME_NS)).toBeLessThan((5 * MUON_LIFETIME_NS) / Math.sqrt(times.length));
    const up = all.filter((e) => e.isUp).length;
    const expected = all.reduce((sum, e) => sum + upProbability(e.decayTimeNs), 0);
    expect(Math.abs(up - expected)).toBeLessThan(5 * Math.sqrt(all.length / 4));
    // Decays later than the waveform's end minus a pulse leave no second pulse.
    expect(all.filter((e) => !e.isInWindow).every((e) => e.decayTimeNs >= (4150 - 500) * 4)).toBe(true);
  });

  it('draws the decay pulse in A and B for a decay up, in C and D for one down', () => {
    const { events, maxima } = simulate(300, { stoppingProbability: 1, detectorEfficiency: 1 }, 7, true);
    for (const [i, event] of events.entries()) {
      if (event.kind !== 'stopped') throw new Error('every muon stops');
      const [a, b, c, d] = (maxima[i] as number[]).map((m) => m + 480) as [number, number, number, number];
      if (!event.isInWindow || event.decayTimeNs < 1000) continue;
      // The decay pulses are somewhere in the waveform; the lower panels see nothing else.
      if (event.isUp) expect(Math.max(c, d)).toBeLessThan(250 / 60);
      else expect(Math.max(c, d)).toBeGreaterThan(250 / 60);
      expect(Math.max(a, b)).toBeGreaterThan(250 / 60);
    }
  });

  it('repeats the same events for the same seed', () => {
    const first = simulate(5, {}, 11).channels.map((c) => Array.from(c));
    const again = simulate(5, {}, 11).channels.map((c) => Array.from(c));
    expect(again).toEqual(first);
  });
});
