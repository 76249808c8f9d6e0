import type { BufferLayout, Reader, SlotView, Writer } from '../buffer/index.js';
import { UserFunctionError } from '../errors.js';
import type { BufferIO } from './buffer-io.js';
import { passOn, SinkBatch } from './pass-on.js';
import { validateArity, validateSinksMatchSource } from './setup-checks.js';
import type { EventData, EventMetadata, EventPair } from './types.js';
import { failUserFunction, releaseAfterError } from './user-failure.js';

/**
 * What `Exporter.run()` calls for every event; views are valid during the call only. `bytes` is
 * the event's whole slot (metadata, then the data columns; docs/buffer-format.md), for a copy in
 * one piece.
 */
export type ExportFunction<D extends EventData = EventData> = (
  data: D,
  metadata: EventMetadata,
  bytes: Uint8Array,
) => void;

const TEMPLATE = 'Exporter';
const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * The end of a chain (1 source, 0..n sinks with the source's layout): iterate over every event
 * of the source; each one is first copied unchanged to every sink (pass-through). Ends at the
 * source's end of stream and then closes the sinks.
 *
 * `for (const [data, metadata] of new Exporter(io))`: the pair is one reused array and its views
 * look straight at the slot, valid during that loop step only; copy what you keep. Leaving the
 * loop early (break, return) closes the sinks and reads the source to its end, discarding the
 * rest, so that upstream never blocks (under control: once the worker function has returned; if
 * it throws, the process fails holding its events and control hands them on).
 */
export class Exporter<D extends EventData = EventData> implements Iterable<EventPair<D>> {
  /** The source buffer's layout (fields, data_length). */
  readonly layout: BufferLayout;
  readonly #io: BufferIO;
  readonly #reader: Reader;
  readonly #sinks: readonly Writer[];
  readonly #batch: SinkBatch;
  readonly #pair: [D, EventMetadata] = [{} as D, { counter: 0, timestamp: 0, deadtime: 0 }];
  readonly #step: IteratorYieldResult<EventPair<D>> = { done: false, value: this.#pair };
  #bytes: Uint8Array = new Uint8Array(0);
  #hasStarted = false;
  #isFinished = false;

  constructor(io: BufferIO) {
    validateArity(io, TEMPLATE, { sources: 1, sinks: { min: 0 }, observes: 0 });
    validateSinksMatchSource(io, TEMPLATE);
    this.#io = io;
    this.#reader = io.sources[0] as Reader;
    this.#sinks = io.sinks;
    this.#batch = new SinkBatch(this.#reader, io.sinks);
    this.layout = this.#reader.buffer.layout;
    io.ready();
  }

  [Symbol.iterator](): Iterator<EventPair<D>, undefined> {
    this.#begin('[Symbol.iterator]');
    return { next: () => this.#next(), return: () => this.#leave() };
  }

  /** Calls `fn(data, metadata)` for every event, after passing it on to the sinks. */
  run(fn: ExportFunction<D>): void {
    if (typeof fn !== 'function')
      throw new TypeError(`Exporter.run(fn): fn must be a function, got ${typeof fn}`);
    this.#begin('run');
    const pair = this.#pair;
    let isUserCode = false;
    try {
      while (!this.#next().done) {
        isUserCode = true;
        const result: unknown = fn(pair[0], pair[1], this.#bytes);
        isUserCode = false;
        if (result instanceof Promise) {
          throw new UserFunctionError(
            `worker '${this.#io.name}': the ${TEMPLATE} function returned a Promise; it must be synchronous (the template reads the next event as soon as it returns)`,
          );
        }
      }
    } catch (error) {
      this.#isFinished = true;
      if (isUserCode || error instanceof UserFunctionError) {
        throw failUserFunction(this.#io, TEMPLATE, error, ` on the event with counter ${pair[1].counter}`);
      }
      releaseAfterError(this.#io);
      throw error;
    }
  }

  #begin(method: string): void {
    if (this.#hasStarted) throw new TypeError(`Exporter.${method}(): an Exporter can be iterated once`);
    this.#hasStarted = true;
  }

  #next(): IteratorResult<EventPair<D>, undefined> {
    if (this.#isFinished) return DONE;
    let event: SlotView | null;
    try {
      event = this.#reader.next();
      if (event !== null) this.#passOn(event);
    } catch (error) {
      this.#isFinished = true;
      releaseAfterError(this.#io);
      throw error;
    }
    if (event === null) {
      this.#isFinished = true;
      this.#io.shutdownSinks();
      return DONE;
    }
    this.#pair[0] = event.data as D;
    this.#pair[1] = event.metadata;
    this.#bytes = event.bytes;
    return this.#step;
  }

  #passOn(event: SlotView): void {
    const sinks = this.#sinks;
    if (sinks.length === 0) return;
    for (let i = 0; i < sinks.length; i++) passOn(sinks[i] as Writer, event);
    this.#batch.afterEvent(true);
  }

  #leave(): IteratorResult<EventPair<D>, undefined> {
    if (!this.#isFinished) {
      this.#isFinished = true;
      this.#io.shutdownSinks();
      this.#io.leaveSources();
    }
    return DONE;
  }
}
