// A model of the energy a scintillation detector (a 2"×2" NaI(Tl) crystal, say) sees from a
// gamma source: each gamma line gives a photo peak (full absorption), a Compton continuum up to
// its Compton edge, and a backscatter peak (gammas scattered back into the detector by the
// material behind the source); every deposit is smeared by the detector's resolution.
import type { SeededRandom } from 'mimocorb2';

/** Electron rest energy, keV. */
const ELECTRON_MASS_KEV = 510.999;

/** A gamma line of an isotope: its energy and how many such gammas one decay gives. */
export interface GammaLine {
  readonly energyKeV: number;
  readonly perDecay: number;
}

/** The isotopes the model knows (energies and intensities from the nuclear data tables). */
export const ISOTOPES: Readonly<Record<string, readonly GammaLine[]>> = {
  'Cs-137': [
    { energyKeV: 661.657, perDecay: 0.851 }, // via Ba-137m
    { energyKeV: 32.06, perDecay: 0.056 }, // Ba K-alpha X-rays
    { energyKeV: 36.4, perDecay: 0.013 }, // Ba K-beta X-rays
  ],
  'Co-60': [
    { energyKeV: 1173.228, perDecay: 0.9985 },
    { energyKeV: 1332.492, perDecay: 0.9998 },
  ],
  'Na-22': [
    { energyKeV: 511.0, perDecay: 1.807 }, // annihilation of the positron
    { energyKeV: 1274.537, perDecay: 0.9994 },
  ],
};

/** The detector: how sharp its peaks are and how much of a spectrum is backscatter. */
export interface DetectorModel {
  /** Full width at half maximum of a photo peak over its energy, at 662 keV; it scales as 1/√E. */
  readonly resolutionAt662: number;
  /** Fraction of the detected gammas that reach the crystal after scattering back from behind the source. */
  readonly backscatterFraction: number;
}

// A 2"×2" NaI(Tl) crystal: the chance that a gamma interacts in 5 cm of it (attenuation 0.27/cm
// at 662 keV, falling as E^-0.55), and the share of interactions that absorb the whole energy
// (the peak-to-total ratio: about 0.47 at 662 keV, 0.3 at 1.3 MeV, 1 below 200 keV).
const CRYSTAL_CM = 5.08;
const attenuationPerCm = (energyKeV: number): number => 0.27 * (energyKeV / 662) ** -0.55;
const interactionProbability = (energyKeV: number): number =>
  1 - Math.exp(-attenuationPerCm(energyKeV) * CRYSTAL_CM);
const photoFraction = (energyKeV: number): number => Math.min(1, 0.47 * (energyKeV / 662) ** -0.65);
/** Of the gammas that Compton-scatter and escape, this many scattered more than once first. */
const MULTIPLE_SCATTER_FRACTION = 0.2;

/** The highest energy a Compton electron gets from a gamma of `energyKeV` (the Compton edge). */
export function comptonEdge(energyKeV: number): number {
  const epsilon = energyKeV / ELECTRON_MASS_KEV;
  return (energyKeV * 2 * epsilon) / (1 + 2 * epsilon);
}

/** The energy of a gamma of `energyKeV` after scattering by `cosTheta` (backscatter: near −1). */
export function scatteredEnergy(energyKeV: number, cosTheta: number): number {
  return energyKeV / (1 + (energyKeV / ELECTRON_MASS_KEV) * (1 - cosTheta));
}

/** Klein–Nishina: the relative probability that a gamma of energy E gives its electron s = T/E. */
export function kleinNishina(s: number, epsilon: number): number {
  const r = s / (1 - s);
  return 2 + (r * r) / (epsilon * epsilon) + r * (s - 2 / epsilon);
}

/** Compton scattering of gammas of one energy: the energies of the recoil electrons. */
export class ComptonScattering {
  readonly energyKeV: number;
  /** The Compton edge: the most a recoil electron gets (the gamma scattered back). */
  readonly edgeKeV: number;
  readonly #epsilon: number;
  /** Above the Klein–Nishina distribution everywhere below the edge, for rejection sampling. */
  readonly #envelope: number;

  constructor(energyKeV: number) {
    this.energyKeV = energyKeV;
    this.edgeKeV = comptonEdge(energyKeV);
    this.#epsilon = energyKeV / ELECTRON_MASS_KEV;
    let max = 0;
    for (let i = 0; i <= 1000; i++) {
      max = Math.max(max, kleinNishina((this.edgeKeV / energyKeV) * (i / 1000), this.#epsilon));
    }
    this.#envelope = 1.01 * max;
  }

  /** The energy of the recoil electron of one scattered gamma, drawn from the Klein–Nishina distribution. */
  drawElectronKeV(random: SeededRandom): number {
    for (;;) {
      const electronKeV = this.edgeKeV * random.uniform();
      const density = kleinNishina(electronKeV / this.energyKeV, this.#epsilon);
      if (random.uniform() * this.#envelope < density) return electronKeV;
    }
  }
}

interface LineResponse {
  readonly energyKeV: number;
  readonly photoFraction: number;
  readonly compton: ComptonScattering;
}

/** Draws the energies a detector measures from an isotope, one detected gamma at a time. */
export class GammaSpectrum {
  readonly #random: SeededRandom;
  readonly #detector: DetectorModel;
  readonly #lines: readonly LineResponse[];
  /** Cumulative probability of each line among the detected gammas. */
  readonly #cumulative: readonly number[];

  constructor(lines: readonly GammaLine[], detector: DetectorModel, random: SeededRandom) {
    this.#random = random;
    this.#detector = detector;
    this.#lines = lines.map((line) => ({
      energyKeV: line.energyKeV,
      photoFraction: photoFraction(line.energyKeV),
      compton: new ComptonScattering(line.energyKeV),
    }));
    const weights = lines.map((line) => line.perDecay * interactionProbability(line.energyKeV));
    const total = weights.reduce((sum, w) => sum + w, 0);
    let sum = 0;
    this.#cumulative = weights.map((w) => (sum += w / total));
  }

  /** σ of a photo peak at `energyKeV` (keV). */
  sigmaKeV(energyKeV: number): number {
    return (
      ((this.#detector.resolutionAt662 * 662) / (2 * Math.sqrt(2 * Math.LN2))) * Math.sqrt(energyKeV / 662)
    );
  }

  /** The energy deposited by the next detected gamma, before the resolution smears it (keV). */
  depositKeV(): number {
    const random = this.#random;
    const u = random.uniform();
    const index = this.#cumulative.findIndex((c) => u < c);
    const line = this.#lines[index === -1 ? this.#lines.length - 1 : index] as LineResponse;
    if (random.uniform() < this.#detector.backscatterFraction) {
      // Scattered by 127° to 180° behind the source, then absorbed in the crystal.
      return scatteredEnergy(line.energyKeV, -1 + 0.4 * random.uniform());
    }
    if (random.uniform() < line.photoFraction) return line.energyKeV;
    const { edgeKeV } = line.compton;
    if (random.uniform() < MULTIPLE_SCATTER_FRACTION) {
      return edgeKeV + (line.energyKeV - edgeKeV) * random.uniform();
    }
    return line.compton.drawElectronKeV(random);
  }

  /** The energy the detector measures for the next detected gamma (keV, above 0). */
  measuredKeV(): number {
    for (;;) {
      const deposit = this.depositKeV();
      const measured = this.#random.normal(deposit, this.sigmaKeV(deposit));
      if (measured > 0) return measured;
    }
  }
}
