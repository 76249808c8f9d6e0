import type { BufferLayout, Reader, SlotView, Writer } from '../buffer/index.js';
import { UserFunctionError } from '../errors.js';
import type { BufferIO } from './buffer-io.js';
import { passOn, SinkBatch } from './pass-on.js';
import { validateArity, validateSinksMatchSource } from './setup-checks.js';
import type { EventData, EventMetadata } from './types.js';
import { failUserFunction, releaseAfterError } from './user-failure.js';
import { badVerdictError, isDrop, isSinkSelection } from './verdict.js';

/**
 * Decides where an event goes: true copies it to every sink, false (or null/undefined) drops it,
 * an array of booleans (one per sink) copies it to the sinks marked true only. Anything else
 * (a number, a string) stops the worker with a UserFunctionError.
 */
export type FilterFunction<D extends EventData = EventData> = (
  data: D,
  metadata: EventMetadata,
) => boolean | readonly boolean[] | null | undefined;

const TEMPLATE = 'Filter';

/**
 * Passes events on unchanged or drops them (1 source, at least 1 sink with the source's layout).
 * Ends at the source's end of stream and then closes its sinks.
 */
export class Filter<D extends EventData = EventData> {
  /** The source buffer's layout (fields, data_length), which every sink shares. */
  readonly layout: BufferLayout;
  readonly #io: BufferIO;
  #hasRun = false;

  constructor(io: BufferIO) {
    validateArity(io, TEMPLATE, { sources: 1, sinks: { min: 1 }, observes: 0 });
    validateSinksMatchSource(io, TEMPLATE);
    this.#io = io;
    this.layout = (io.sources[0] as Reader).buffer.layout;
    io.ready();
  }

  /** Calls `fn(data, metadata)` for every event of the source and copies it where it says. */
  run(fn: FilterFunction<D>): void {
    if (typeof fn !== 'function')
      throw new TypeError(`Filter.run(fn): fn must be a function, got ${typeof fn}`);
    if (this.#hasRun) throw new TypeError('Filter.run(): a Filter runs once');
    this.#hasRun = true;
    const io = this.#io;
    const reader = io.sources[0] as Reader;
    const sinks = io.sinks;
    const batch = new SinkBatch(reader, sinks);
    let event: SlotView | null = null;
    let isUserCode = false;
    try {
      for (event = reader.next(); event !== null; event = reader.next()) {
        isUserCode = true;
        const verdict: unknown = fn(event.data as D, event.metadata);
        isUserCode = false;
        if (verdict === true) {
          for (let i = 0; i < sinks.length; i++) passOn(sinks[i] as Writer, event);
        } else if (isSinkSelection(verdict, sinks.length)) {
          for (let i = 0; i < sinks.length; i++) if (verdict[i]) passOn(sinks[i] as Writer, event);
        } else if (!isDrop(verdict)) {
          throw badVerdictError(io, TEMPLATE, verdict, event.metadata.counter);
        }
        batch.afterEvent(false);
      }
    } catch (error) {
      if (isUserCode || error instanceof UserFunctionError) {
        const where = event === null ? '' : ` on the event with counter ${event.metadata.counter}`;
        throw failUserFunction(io, TEMPLATE, error, where);
      }
      releaseAfterError(io);
      throw error;
    }
    io.shutdownSinks();
  }
}
