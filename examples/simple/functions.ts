// The worker functions of the simple example: a simulated oscilloscope, a filter, a pulse-height
// processor and a printer. The setup file is the original's; only the file name changed.
import { Exporter, Filter, Importer, Processor, type BufferIO } from 'mimocorb2';

const SAMPLES = 100;

/** The fields of raw_osc and filtered_osc, so that `data.ch1` is typed. */
type Trace = { ch1: Float32Array };

/** A normally distributed random number (Box-Muller). */
function gaussian(mean: number, sigma: number): number {
  const u = 1 - Math.random();
  return mean + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random());
}

/** Importer: 50 000 sine waves of 100 samples with a random amplitude around 1. */
export function simulate_osc(io: BufferIO): void {
  const events = io.get('number_of_events', 50_000);
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
  const minHeight = io.get<number>('min_height');
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

/** Exporter: prints every pulse height (to this worker's log file). */
export function print_pulse_heights(io: BufferIO): void {
  for (const [data] of new Exporter<{ pulse_height: Float32Array }>(io)) console.log(data.pulse_height[0]);
}
