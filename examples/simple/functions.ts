// The worker functions of the simple example: a simulated oscilloscope, a filter, a pulse-height
// processor and a printer, which also shows a histogram of the pulse heights in the TUI.
// The setup file is the original's; only the file name changed.
import { Exporter, Filter, Importer, Processor, WorkerSetupError, type BufferIO } from 'mimocorb2';

const SAMPLES = 100;

/** The fields of raw_osc and filtered_osc, so that `data.ch1` is typed. */
type Trace = { ch1: Float32Array };

/**
 * The number at `key` of the worker's config (`defaultValue` when it is missing). The setup
 * passes a file worker's config on unchecked: a wrong value ('abc', a list) is an error here,
 * not a silent comparison with a string that keeps no trace or makes no event.
 */
function readNumber(io: BufferIO, key: string, defaultValue?: number): number {
  const value: unknown = defaultValue === undefined ? io.get(key) : io.get(key, defaultValue);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WorkerSetupError(
      `worker '${io.name}': config key '${key}': expected a number, got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  return value;
}

/** A normally distributed random number (Box-Muller). */
function gaussian(mean: number, sigma: number): number {
  const u = 1 - Math.random();
  return mean + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random());
}

/** Importer: 50 000 sine waves of 100 samples with a random amplitude around 1. */
export function simulate_osc(io: BufferIO): void {
  const events = readNumber(io, 'number_of_events', 50_000);
  const ch1 = new Float32Array(SAMPLES);
  new Importer(io).run(function* () {
    for (let i = 0; i < events; i++) {
      const amplitude = gaussian(1, 0.1);
      for (let k = 0; k < SAMPLES; k++) ch1[k] = Math.sin((10 * k) / (SAMPLES - 1) + i) * amplitude;
      yield { ch1 };
    }
  });
}

/** Filter: keeps the waveforms whose maximum is above min_height (config.yaml). */
export function filter_data(io: BufferIO): void {
  const minHeight = readNumber(io, 'min_height');
  new Filter<Trace>(io).run((data) => {
    const ch1 = data.ch1;
    let max = -Infinity;
    for (let k = 0; k < ch1.length; k++) if ((ch1[k] as number) > max) max = ch1[k] as number;
    return max > minHeight;
  });
}

/** Processor: the pulse height (maximum) of each waveform. */
export function calculate_pulse_heights(io: BufferIO): void {
  new Processor<Trace>(io).run((data) => {
    const ch1 = data.ch1;
    let max = -Infinity;
    for (let k = 0; k < ch1.length; k++) if ((ch1[k] as number) > max) max = ch1[k] as number;
    return [{ pulse_height: max }];
  });
}

/** Exporter: prints every pulse height (to this worker's log file) and shows their histogram in the TUI. */
export function print_pulse_heights(io: BufferIO): void {
  const bins = 50;
  const [low, high] = [0.5, 1.5];
  const edges = Array.from({ length: bins + 1 }, (_, i) => low + ((high - low) * i) / bins);
  const counts = new Float64Array(bins);
  const display = io.display('pulse heights');
  for (const [data] of new Exporter<{ pulse_height: Float32Array }>(io)) {
    const height = data.pulse_height[0] as number;
    console.log(height);
    const bin = Math.floor(((height - low) / (high - low)) * bins);
    if (bin >= 0 && bin < bins) counts[bin] = (counts[bin] as number) + 1;
    display.publish({
      kind: 'histogram',
      title: 'pulse heights',
      xLabel: 'height',
      edges,
      series: [{ name: 'events', counts }],
    });
  }
}
