import type { BufferLayout, Reader, SlotView, Writer } from '../buffer/index.js';
import { UserFunctionError } from '../errors.js';
import type { BufferIO } from './buffer-io.js';
import { passOn, SinkBatch } from './pass-on.js';
import { validateArity, validateSinksMatchSource } from './setup-checks.js';
import type { EventData, EventMetadata } from './types.js';
import { failUserFunction, releaseAfterError } from './user-failure.js';

/**
 * Decides where an event goes: true copies it to every sink, false (or null/undefined) drops it,
 * an array of booleans (one per sink) copies it to the sinks marked true only.
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
        const verdict = fn(event.data as D, event.metadata);
        isUserCode = false;
        if (typeof verdict !== 'object') {
          if (verdict) for (let i = 0; i < sinks.length; i++) passOn(sinks[i] as Writer, event);
        } else if (Array.isArray(verdict) && verdict.length === sinks.length) {
          for (let i = 0; i < sinks.length; i++) if (verdict[i]) passOn(sinks[i] as Writer, event);
        } else if (verdict !== null) {
          throw this.#badVerdict(verdict);
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

  #badVerdict(verdict: object): UserFunctionError {
    const sinks = this.#io.sinks.map((sink) => sink.buffer.name).join(', ');
    const got = Array.isArray(verdict)
      ? `an array of ${verdict.length}`
      : verdict instanceof Promise
        ? 'a Promise (the function must be synchronous)'
        : `an object (${verdict.constructor?.name ?? 'no prototype'})`;
    return new UserFunctionError(
      `worker '${this.#io.name}': the ${TEMPLATE} function must return a boolean or an array of ${this.#io.sinks.length} booleans (one per sink: ${sinks}); it returned ${got}`,
    );
  }
}
