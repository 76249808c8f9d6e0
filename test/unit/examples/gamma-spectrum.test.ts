import { SeededRandom } from 'mimocorb2';
import { describe, expect, it } from 'vitest';
import {
  comptonEdge,
  ComptonScattering,
  GammaSpectrum,
  ISOTOPES,
  kleinNishina,
  scatteredEnergy,
} from '../../../examples/redpitaya-spectroscopy/spectra/gamma-spectrum.js';
import { pulseStart, PulseShape } from '../../../examples/redpitaya-spectroscopy/spectra/pulse-shape.js';

const N = 40_000;

describe("the spectroscopy example's gamma spectrum", () => {
  it('puts the Compton edge and the backscatter peak where kinematics does', () => {
    // Cs-137: 662 keV gives an edge at 477 keV and a backscatter peak at 184 keV.
    expect(comptonEdge(661.657)).toBeCloseTo(477.3, 1);
    expect(scatteredEnergy(661.657, -1)).toBeCloseTo(184.3, 1);
    expect(comptonEdge(661.657) + scatteredEnergy(661.657, -1)).toBeCloseTo(661.657, 9);
  });

  it('draws Compton electrons from the Klein–Nishina distribution', () => {
    const compton = new ComptonScattering(661.657);
    const random = new SeededRandom(1);
    const sample = Array.from({ length: N }, () => compton.drawElectronKeV(random)).sort((a, b) => a - b);
    // The distribution function by the trapezoid rule on a fine grid.
    const epsilon = 661.657 / 510.999;
    const steps = 20_000;
    const cdf = [0];
    for (let i = 1; i <= steps; i++) {
      const s0 = ((i - 1) / steps) * (compton.edgeKeV / 661.657);
      const s1 = (i / steps) * (compton.edgeKeV / 661.657);
      cdf.push(
        (cdf[i - 1] as number) + ((kleinNishina(s0, epsilon) + kleinNishina(s1, epsilon)) / 2) * (s1 - s0),
      );
    }
    const total = cdf[steps] as number;
    let distance = 0;
    for (const [i, x] of sample.entries()) {
      const f = (cdf[Math.round((x / compton.edgeKeV) * steps)] as number) / total;
      distance = Math.max(distance, Math.abs(f - i / N), Math.abs((i + 1) / N - f));
    }
    expect(distance).toBeLessThan(1.63 / Math.sqrt(N) + 1 / steps);
    expect(sample[N - 1]).toBeLessThanOrEqual(compton.edgeKeV);
  });

  it("gives Cs-137's photo peak the detector's resolution, and nothing above it", () => {
    const spectrum = new GammaSpectrum(
      ISOTOPES['Cs-137'] ?? [],
      { resolutionAt662: 0.07, backscatterFraction: 0.04 },
      new SeededRandom(2),
    );
    expect(spectrum.sigmaKeV(662)).toBeCloseTo((0.07 * 662) / 2.3548, 2);
    const deposits = Array.from({ length: N }, () => spectrum.depositKeV());
    expect(Math.max(...deposits)).toBeLessThanOrEqual(661.657);
    const photo = deposits.filter((e) => e === 661.657).length / N;
    // Photo fraction ~0.47 of the 662 keV gammas, which are 85 % of the detected ones.
    expect(photo).toBeGreaterThan(0.3);
    expect(photo).toBeLessThan(0.5);
  });

  it("smears a deposit with the detector's resolution, σ/E falling as 1/√E", () => {
    // Below 200 keV every interaction absorbs the whole energy: one line, one Gaussian peak.
    const spectrum = new GammaSpectrum(
      [{ energyKeV: 150, perDecay: 1 }],
      { resolutionAt662: 0.07, backscatterFraction: 0 },
      new SeededRandom(3),
    );
    const sigma = ((0.07 * 662) / 2.3548) * Math.sqrt(150 / 662);
    expect(spectrum.sigmaKeV(150)).toBeCloseTo(sigma, 3);
    const measured = Array.from({ length: N }, () => spectrum.measuredKeV());
    const mean = measured.reduce((sum, e) => sum + e, 0) / N;
    const sd = Math.sqrt(measured.reduce((sum, e) => sum + (e - mean) ** 2, 0) / (N - 1));
    expect(Math.abs(mean - 150)).toBeLessThan((5 * sigma) / Math.sqrt(N));
    expect(Math.abs(sd / sigma - 1)).toBeLessThan(5 / Math.sqrt(2 * N));
  });

  it('places a pulse so that its rising edge crosses the trigger level at the trigger sample', () => {
    const shape = new PulseShape(1, 50);
    expect(shape.at(50)).toBeCloseTo(1, 12);
    expect(shape.at(49)).toBeLessThan(1);
    expect(shape.at(0)).toBe(0);
    for (const amplitude of [150, 1986, 3997]) {
      const start = pulseStart(shape, amplitude, 100, 100);
      expect(amplitude * shape.at(100 - start)).toBeCloseTo(100, 6);
      expect(100 - start).toBeLessThan(50);
    }
  });
});
