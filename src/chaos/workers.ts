// The worker functions of the chaos campaign's setups (shapes.ts). Every value an importer
// commits and every value an exporter receives goes into a ledger file in the run directory, one
// write each, so that the campaign can tell what was lost, however a process dies.
import { openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Exporter, Filter, Importer, Observer, Processor, type BufferIO } from '../index.js';

/** Value range of one importer process: values are `pid * VALUES_PER_PROCESS + i`, unique per life. */
export const VALUES_PER_PROCESS = 1e6;

/** The filter's rule: it drops values with `value % 7 === 3`. */
export function filterKeeps(value: number): boolean {
  return value % 7 !== 3;
}

/** The processor's rule for its second sink: only even values go there. */
export function secondSinkKeeps(value: number): boolean {
  return value % 2 === 0;
}

/** `ledger.<kind>.<worker>.<index>.<pid>.f64` in the run directory: little-endian float64s. */
export function ledgerName(
  kind: 'committed' | 'received',
  worker: string,
  index: number,
  pid: number,
): string {
  return `ledger.${kind}.${worker}.${index}.${pid}.f64`;
}

class Ledger {
  readonly #fd: number;
  readonly #value = new Float64Array(1);
  readonly #bytes = new Uint8Array(this.#value.buffer);

  constructor(io: BufferIO, kind: 'committed' | 'received') {
    this.#fd = openSync(join(io.runDir, ledgerName(kind, io.name, io.processIndex, process.pid)), 'a');
  }

  write(value: number): void {
    this.#value[0] = value;
    writeSync(this.#fd, this.#bytes);
  }
}

/** Importer: `n_events` values at `rate` per second; each is written to the ledger once committed. */
export function source(io: BufferIO): void {
  const n = io.get<number>('n_events');
  const rate = io.get<number>('rate');
  const ledger = new Ledger(io, 'committed');
  const base = process.pid * VALUES_PER_PROCESS;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const importer = new Importer(io);
  const start = performance.now();
  importer.run(function* () {
    for (let i = 0; i < n; i++) {
      const wait = start + (i * 1000) / rate - performance.now();
      if (wait > 0) Atomics.wait(cell, 0, 0, wait);
      yield { value: base + i };
      // Resumed: the template committed it (a stop or a crash may take the last one unwritten).
      ledger.write(base + i);
    }
  });
}

/** Works `work_us` microseconds on each event (holding its slot), so that kills find slots held. */
function workFor(io: BufferIO): () => void {
  const ms = io.get<number>('work_us', 0) / 1000;
  return () => {
    for (const until = performance.now() + ms; performance.now() < until;);
  };
}

/** Filter: passes every value but those with `value % 7 === 3`. */
export function filter(io: BufferIO): void {
  const work = workFor(io);
  new Filter(io).run((data) => {
    work();
    return filterKeeps((data['value'] as Float64Array)[0] as number);
  });
}

/** Processor to two sinks: every value to the first, even values to the second. */
export function split(io: BufferIO): void {
  const work = workFor(io);
  new Processor(io).run((data) => {
    work();
    const value = (data['value'] as Float64Array)[0] as number;
    return [{ value }, secondSinkKeeps(value) ? { value } : null];
  });
}

/** Exporter: every value into the ledger, before the next is taken. */
export function sink(io: BufferIO): void {
  const ledger = new Ledger(io, 'received');
  const work = workFor(io);
  for (const [data] of new Exporter(io)) {
    ledger.write((data['value'] as Float64Array)[0] as number);
    work();
  }
}

/** Observer: looks at the latest events until the buffer ends. */
export async function look(io: BufferIO): Promise<void> {
  let seen = 0;
  for await (const [, metadata] of new Observer(io, { interval: 0.05 }))
    seen += metadata.counter >= 0 ? 1 : 0;
  process.stdout.write(`saw ${seen} events\n`);
}
