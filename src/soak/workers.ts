// The worker functions of the soak run (main.ts): an endless paced source, a filter, an exporter
// that publishes a histogram, and an observer that publishes the latest trace.
import { Exporter, Filter, Importer, Observer, type BufferIO } from '../index.js';

const TICK_MS = 5;

/** Importer: `rate` events a second in bursts every 5 ms, until the roots are stopped. */
export function source(io: BufferIO): void {
  const rate = io.get<number>('rate');
  const length = io.get<number>('length', 16);
  const trace = new Float32Array(length);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const start = performance.now();
  new Importer(io).run(function* () {
    for (let i = 0; ; i++) {
      if (i % Math.max(1, Math.round((rate * TICK_MS) / 1000)) === 0) {
        const wait = start + (i * 1000) / rate - performance.now();
        if (wait > 0) Atomics.wait(cell, 0, 0, wait);
      }
      for (let k = 0; k < length; k++) trace[k] = Math.sin((i + k) / 7) * (1 + (i % 13));
      yield { ch1: trace };
    }
  });
}

/** Filter: keeps the events whose first sample is not negative. */
export function keep(io: BufferIO): void {
  new Filter(io).run((data) => ((data['ch1'] as Float32Array)[0] as number) >= 0);
}

/** Exporter: a histogram of the first sample, published twice a second. */
export function histogram(io: BufferIO): void {
  const edges = Array.from({ length: 15 }, (_, i) => i);
  const counts = new Array<number>(14).fill(0);
  const display = io.display('first sample', { maxRateHz: 2 });
  for (const [data] of new Exporter(io)) {
    const bin = Math.min(13, Math.floor((data['ch1'] as Float32Array)[0] as number));
    counts[bin] = (counts[bin] as number) + 1;
    display.publish({ kind: 'histogram', edges, series: [{ name: 'events', counts }] });
  }
}

/** Observer: the latest trace, five times a second. */
export async function scope(io: BufferIO): Promise<void> {
  const display = io.display('latest trace', { maxRateHz: 5 });
  for await (const [data] of new Observer(io, { interval: 0.2 }))
    display.publish({ kind: 'lines', series: [{ name: 'ch1', y: [...(data['ch1'] as Float32Array)] }] });
}
