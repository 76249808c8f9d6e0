import type { FieldArray } from '../../buffer/index.js';
import { findPeaks, type FindPeaksOptions, type PeakProperties } from '../../peaks/index.js';
import { Processor, type BufferIO, type EventRecord } from '../../templates/index.js';
import { readConfig } from '../declaration/index.js';
import { phaDeclaration } from './pha.declaration.js';
import { POSITION_FIELD, type PeakPropertyName } from './peak-properties.js';

/** Where a sink field's value comes from: the peak's position, or a property findPeaks returned. */
type FieldSource = typeof POSITION_FIELD | PeakPropertyName;

/**
 * analyzers.pha: the peaks of one channel of each waveform (findPeaks, scipy's find_peaks) as
 * events of its sink (data_length 1): the first peak of each waveform, or every peak with
 * `all_peaks`. 1 source, 1 sink.
 */
export function pha(io: BufferIO): void {
  const config = readConfig(io, phaDeclaration);
  const processor = new Processor<Record<string, FieldArray>>(io);
  const channel = config.channel ?? processor.layout.fields[0]?.name ?? '';
  // One options object for every waveform: findPeaks then checks it only once.
  const options: FindPeaksOptions = {
    height: config.height,
    threshold: config.threshold,
    distance: config.distance,
    prominence: config.prominence,
    width: config.width,
    wlen: config.wlen,
    rel_height: config.rel_height,
    plateau_size: config.plateau_size,
  };
  const fields = (io.sinks[0]?.buffer.layout.fields ?? []).map((field) => field.name as FieldSource);
  const events = new PeakEvents(fields);
  const results: [EventRecord[]] = [events.records];
  const allPeaks = config.all_peaks;

  processor.run((data) => {
    const { peaks, properties } = findPeaks(data[channel] as FieldArray, options);
    if (peaks.length === 0) return null;
    events.fill(peaks, properties, allPeaks ? peaks.length : 1);
    return results;
  });
}

/**
 * The events of one waveform's peaks as records of the sink's fields, reused from waveform to
 * waveform: the list and its records are made once and only grow.
 */
class PeakEvents {
  readonly records: EventRecord[] = [];
  readonly #fields: readonly FieldSource[];
  readonly #pool: Record<string, number>[] = [];

  constructor(fields: readonly FieldSource[]) {
    this.#fields = fields;
  }

  /** Makes `records` the first `count` peaks. */
  fill(peaks: Int32Array, properties: PeakProperties, count: number): void {
    const fields = this.#fields;
    while (this.#pool.length < count) {
      this.#pool.push(Object.fromEntries(fields.map((name) => [name, 0])));
    }
    this.records.length = count;
    for (let k = 0; k < count; k++) {
      const record = this.#pool[k] as Record<string, number>;
      for (let f = 0; f < fields.length; f++) {
        const name = fields[f] as FieldSource;
        const values = name === POSITION_FIELD ? peaks : (properties[name] as ArrayLike<number>);
        record[name] = values[k] as number;
      }
      this.records[k] = record;
    }
  }
}
