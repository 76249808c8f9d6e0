import type { SlotData } from '../buffer/index.js';

/**
 * The value of one field in an event a worker hands to a template: a number (or bigint, or
 * boolean) fills the whole field, an array-like gives one value per element (`data_length` of
 * them), a string fills an `S<n>` field.
 */
export type FieldValue = number | bigint | boolean | string | ArrayLike<number | bigint | boolean | string>;

/** An event written to a sink: every field of the sink's `data_dtype`, by name. */
export type EventRecord = Readonly<Record<string, FieldValue>>;

/** What the templates put in every slot besides the data. */
export interface EventMetadata {
  /** Event number, drawn from the importer's buffer; passed on unchanged downstream. */
  readonly counter: number;
  /** Seconds since the epoch (µs resolution) when the importer had the event. */
  readonly timestamp: number;
  /** Fraction of the time since the previous event the importer spent waiting for a free slot. */
  readonly deadtime: number;
}

/**
 * An event as the templates hand it to a worker: `data.<field>` is a typed array of the field.
 * Templates take a narrower type as a parameter, e.g. `new Filter<{ ch1: Float32Array }>(io)`.
 */
export type EventData = SlotData;

/** `[data, metadata]` of one event. */
export type EventPair<D extends EventData = EventData> = readonly [data: D, metadata: EventMetadata];
