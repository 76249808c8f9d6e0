import type { BufferLayout, Reader, SlotData, SlotView, Writer } from '../buffer/index.js';
import { UserFunctionError } from '../errors.js';
import type { BufferIO } from './buffer-io.js';
import { RecordWriter } from './record-writer.js';
import { SinkBatch } from './pass-on.js';
import { validateArity } from './setup-checks.js';
import type { EventData, EventMetadata, EventRecord } from './types.js';
import { failUserFunction, releaseAfterError } from './user-failure.js';
import { badVerdictError, describeReturn, isDrop, isSinkSelection } from './verdict.js';

/** What one sink gets from one input event: an event, several, or none (null/undefined). */
export type ProcessorOutput = EventRecord | readonly EventRecord[] | null | undefined;

/** Returns one entry per sink, or null/undefined to drop the event everywhere. */
export type ProcessorFunction<D extends EventData = EventData> = (
  data: D,
  metadata: EventMetadata,
) => readonly ProcessorOutput[] | null | undefined;

/**
 * Writes its results straight into `outputs[i]`, the slot views of sink i (valid during the call),
 * and returns which to hand on: true all, an array of booleans one per sink, false/null none.
 * A slot not handed on is kept and offered again with the next event.
 */
export type InPlaceProcessorFunction<D extends EventData = EventData, O extends EventData = EventData> = (
  data: D,
  metadata: EventMetadata,
  outputs: readonly O[],
) => boolean | readonly boolean[] | null | undefined;

const TEMPLATE = 'Processor';

/** Views of a private slot for a sink that was asked to stop: written, never committed. */
function makeDiscardSlot(layout: BufferLayout): SlotData {
  const bytes = new ArrayBuffer(layout.slotSize);
  const data: SlotData = {};
  for (const field of layout.fields)
    data[field.name] = new field.dtype.ArrayType(bytes, field.offset, field.elements);
  return data;
}

/**
 * Computes new events from each event of its source (1 source, at least 1 sink of any layout).
 * Output events carry the input's metadata (counter, timestamp, deadtime). Ends at the source's
 * end of stream and then closes its sinks.
 */
export class Processor<D extends EventData = EventData, O extends EventData = EventData> {
  /** The source buffer's layout (fields, data_length); sink layouts are `io.sinks[i].buffer.layout`. */
  readonly layout: BufferLayout;
  readonly #io: BufferIO;
  readonly #records: readonly RecordWriter[];
  #hasRun = false;

  constructor(io: BufferIO) {
    validateArity(io, TEMPLATE, { sources: 1, sinks: { min: 1 }, observes: 0 });
    this.#io = io;
    this.layout = (io.sources[0] as Reader).buffer.layout;
    this.#records = io.sinks.map(
      (sink) =>
        new RecordWriter(
          sink.buffer.layout,
          `worker '${io.name}': an event of the ${TEMPLATE} for sink '${sink.buffer.name}'`,
        ),
    );
    io.ready();
  }

  /** Calls `fn(data, metadata)` for every event and writes what it returns to the sinks. */
  run(fn: ProcessorFunction<D>): void {
    this.#start('run', fn);
    const io = this.#io;
    const reader = io.sources[0] as Reader;
    const batch = new SinkBatch(reader, io.sinks);
    let event: SlotView | null = null;
    let isUserCode = false;
    try {
      for (event = reader.next(); event !== null; event = reader.next()) {
        isUserCode = true;
        const results = fn(event.data as D, event.metadata);
        isUserCode = false;
        if (results !== null && results !== undefined) this.#writeResults(results, event.metadata);
        batch.afterEvent(false);
      }
    } catch (error) {
      throw this.#fail(error, isUserCode, event);
    }
    io.shutdownSinks();
  }

  /**
   * Calls `fn(data, metadata, outputs)` for every event, with `outputs[i]` the views of a free slot
   * of sink i, so results are written once, straight into the buffer.
   */
  runInPlace(fn: InPlaceProcessorFunction<D, O>): void {
    this.#start('runInPlace', fn);
    const io = this.#io;
    const reader = io.sources[0] as Reader;
    const sinks = io.sinks;
    const count = sinks.length;
    const held: (SlotView | null)[] = new Array<SlotView | null>(count).fill(null);
    const outputs: SlotData[] = new Array<SlotData>(count);
    const isStopped: boolean[] = new Array<boolean>(count).fill(false);
    const batch = new SinkBatch(reader, sinks);
    let event: SlotView | null = null;
    let isUserCode = false;
    try {
      for (event = reader.next(); event !== null; event = reader.next()) {
        for (let i = 0; i < count; i++) {
          if (held[i] !== null || isStopped[i]) continue;
          const slot = (sinks[i] as Writer).acquire();
          if (slot === null) {
            isStopped[i] = true;
            outputs[i] = makeDiscardSlot((sinks[i] as Writer).buffer.layout);
          } else {
            held[i] = slot;
            outputs[i] = slot.data;
          }
        }
        isUserCode = true;
        const verdict = fn(event.data as D, event.metadata, outputs as O[]);
        isUserCode = false;
        const selection = this.#selection(verdict, event.metadata.counter);
        if (selection !== null) {
          const metadata = event.metadata;
          for (let i = 0; i < count; i++) {
            const slot = held[i] as SlotView | null;
            if (slot === null || (selection !== true && !selection[i])) continue;
            slot.metadata.set3(metadata.counter, metadata.timestamp, metadata.deadtime);
            (sinks[i] as Writer).commit(false);
            held[i] = null;
          }
        }
        batch.afterEvent(false);
      }
    } catch (error) {
      throw this.#fail(error, isUserCode, event);
    }
    io.shutdownSinks();
  }

  /** The sinks an in-place result goes to: true all, an array one flag per sink, null none. */
  #selection(verdict: unknown, counter: number): true | readonly boolean[] | null {
    if (verdict === true) return true;
    if (isDrop(verdict)) return null;
    if (isSinkSelection(verdict, this.#io.sinks.length)) return verdict;
    throw badVerdictError(this.#io, `in-place ${TEMPLATE}`, verdict, counter);
  }

  #start(method: string, fn: unknown): void {
    if (typeof fn !== 'function') {
      throw new TypeError(`Processor.${method}(fn): fn must be a function, got ${typeof fn}`);
    }
    if (this.#hasRun) throw new TypeError(`Processor.${method}(): a Processor runs once`);
    this.#hasRun = true;
  }

  #writeResults(results: unknown, metadata: EventMetadata): void {
    const count = this.#io.sinks.length;
    if (!Array.isArray(results) || results.length !== count) throw this.#badResults(results);
    for (let i = 0; i < count; i++) {
      const output = (results as readonly ProcessorOutput[])[i];
      if (output === null || output === undefined) continue;
      if (Array.isArray(output)) {
        const list = output as readonly EventRecord[];
        for (let k = 0; k < list.length; k++) this.#write(i, list[k], metadata);
      } else {
        this.#write(i, output as EventRecord, metadata);
      }
    }
  }

  #write(sinkIndex: number, record: EventRecord | undefined, metadata: EventMetadata): void {
    const sink = this.#io.sinks[sinkIndex] as Writer;
    const slot = sink.acquire();
    if (slot === null) return;
    (this.#records[sinkIndex] as RecordWriter).write(record, slot.data);
    slot.metadata.set3(metadata.counter, metadata.timestamp, metadata.deadtime);
    sink.commit(false);
  }

  #fail(error: unknown, isUserCode: boolean, event: SlotView | null): unknown {
    if (isUserCode || error instanceof UserFunctionError) {
      const where = event === null ? '' : ` on the event with counter ${event.metadata.counter}`;
      return failUserFunction(this.#io, TEMPLATE, error, where);
    }
    releaseAfterError(this.#io);
    return error;
  }

  #sinkNames(): string {
    return this.#io.sinks.map((sink) => sink.buffer.name).join(', ');
  }

  #badResults(results: unknown): UserFunctionError {
    const count = this.#io.sinks.length;
    return new UserFunctionError(
      `worker '${this.#io.name}': the ${TEMPLATE} function must return null (drop the event) or an array of ${count} entries, one per sink (${this.#sinkNames()}), each an event, an array of events or null; it returned ${describeReturn(results)}`,
    );
  }
}
