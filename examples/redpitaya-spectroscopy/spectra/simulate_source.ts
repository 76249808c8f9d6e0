// The spectroscopy example's source without a Red Pitaya: the pulses a scintillation detector
// gives for the gammas of an isotope (gamma-spectrum.ts), as the device would digitise them.
import { Importer, Pacer, SeededRandom, WorkerSetupError, type BufferIO } from 'mimocorb2';
import { GammaSpectrum, ISOTOPES } from './gamma-spectrum.js';
import { pulseStart, PulseShape } from './pulse-shape.js';

/** The Red Pitaya's 14-bit ADC. */
const ADC_MIN = -8192;
const ADC_MAX = 8191;

function fail(io: BufferIO, key: string, expected: string, value: unknown): never {
  throw new WorkerSetupError(
    `worker '${io.name}': config key '${key}': expected ${expected}, got ${JSON.stringify(value)}`,
  );
}

function readNumber(io: BufferIO, key: string, defaultValue: number, min = -Infinity): number {
  const value: unknown = io.get(key, defaultValue);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    fail(io, key, min > -Infinity ? `a number of at least ${min}` : 'a number', value);
  }
  return value;
}

/**
 * Importer: one triggered waveform per detected gamma, at `average_rate` events per second on
 * average (a Poisson process), `eventcount` of them (−1: endless). The first channel holds the
 * pulse: height `energy × slope + offset` (`energy_conversion`), its rising edge through
 * `trigger_level` at sample `number_of_samples_before_trigger`; every channel has Gaussian noise
 * of σ `noise`. Energies below the trigger level give no event, as on the device.
 */
export function simulate_source(io: BufferIO): void {
  if (io.get('file', null) !== null) {
    fail(
      io,
      'file',
      `no spectrum file: this example models its spectra; choose isotope: ${Object.keys(ISOTOPES).join(', ')}`,
      io.get('file'),
    );
  }
  const isotope: unknown = io.get('isotope', 'Co-60');
  const lines = typeof isotope === 'string' ? ISOTOPES[isotope] : undefined;
  if (lines === undefined) fail(io, 'isotope', `one of ${Object.keys(ISOTOPES).join(', ')}`, isotope);
  const conversion: unknown = io.get('energy_conversion', [1, 0]);
  if (
    !Array.isArray(conversion) ||
    conversion.length !== 2 ||
    !conversion.every((x) => typeof x === 'number')
  ) {
    fail(io, 'energy_conversion', '[slope, offset]: ADC counts per keV and at 0 keV', conversion);
  }
  const [slope, offset] = conversion as [number, number];
  const triggerLevel = readNumber(io, 'trigger_level', 0);
  const averageRate = readNumber(io, 'average_rate', 100, 0);
  const noise = readNumber(io, 'noise', 0, 0);
  const eventcount = readNumber(io, 'eventcount', -1, -1);
  const seed = readNumber(io, 'seed', SeededRandom.freshSeed(), 0);
  if (!Number.isSafeInteger(seed)) fail(io, 'seed', 'a whole number from 0 to 2^53 - 1', seed);
  const shape = new PulseShape(readNumber(io, 'M', 1, 0), readNumber(io, 'tau', 1, Number.MIN_VALUE));
  const beforeTrigger = readNumber(io, 'number_of_samples_before_trigger', 0, 0);

  const random = new SeededRandom((seed + io.processIndex * 0x9e3779b9) % (Number.MAX_SAFE_INTEGER + 1));
  const spectrum = new GammaSpectrum(
    lines,
    {
      resolutionAt662: readNumber(io, 'resolution', 0.07, 0),
      backscatterFraction: readNumber(io, 'backscatter_fraction', 0.04, 0),
    },
    random,
  );
  const pacer = new Pacer();
  console.log(
    `${String(isotope)}, seed ${seed} (config key 'seed' repeats this run: --set ${io.name}.seed=${seed})`,
  );

  const importer = new Importer<Record<string, Int16Array>>(io);
  const [pulseChannel, ...otherChannels] = importer.layout.fields.map((field) => field.name);
  let events = 0;
  importer.runInPlace((data) => {
    if (eventcount !== -1 && events >= eventcount) return false;
    let amplitude: number;
    do amplitude = spectrum.measuredKeV() * slope + offset;
    while (amplitude <= triggerLevel);
    pacer.wait(averageRate > 0 ? random.exponential(1 / averageRate) : 0);
    const start = pulseStart(shape, amplitude, triggerLevel, beforeTrigger);
    const samples = data[pulseChannel as string] as Int16Array;
    for (let k = 0; k < samples.length; k++) {
      const value = amplitude * shape.at(k - start) + random.normal(0, noise);
      samples[k] = Math.min(ADC_MAX, Math.max(ADC_MIN, Math.round(value)));
    }
    for (const name of otherChannels) {
      const channel = data[name] as Int16Array;
      for (let k = 0; k < channel.length; k++) channel[k] = Math.round(random.normal(0, noise));
    }
    events++;
    return true;
  });
}
