import type { BufferLayout, SlotView, Writer } from '../buffer/index.js';
import { UserFunctionError } from '../errors.js';
import type { BufferIO } from './buffer-io.js';
import { EventStamper } from './event-stamper.js';
import { RecordWriter } from './record-writer.js';
import { validateArity } from './setup-checks.js';
import type { EventData, EventRecord } from './types.js';
import { failUserFunction, releaseAfterError } from './user-failure.js';

/**
 * What an importer's generator yields: an event, an array of events (a batch, e.g. what one read
 * of a device brought: one step of the generator instead of one per event), or null/undefined
 * to end.
 */
export type ImportedEvent = EventRecord | readonly EventRecord[] | null | undefined;

/** A generator function (sync or async) of events, or any function returning an (async) iterable. */
export type ImportSource = () => Iterable<ImportedEvent> | AsyncIterable<ImportedEvent>;

/**
 * Fills the slot views `data` of the next event in place and returns true to commit it; false,
 * null or undefined ends the import (the slot is not committed). May return a promise of that.
 * `bytes` is the whole slot (metadata, then the data columns; docs/buffer-format.md), for a copy
 * in one piece; the template sets the metadata after the fill unless `keepMetadata` is given.
 */
export type InPlaceFill<D extends EventData = EventData> = (
  data: D,
  bytes: Uint8Array,
) => boolean | null | undefined;
export type AsyncInPlaceFill<D extends EventData = EventData> = (
  data: D,
  bytes: Uint8Array,
) => Promise<boolean | null | undefined>;

/** A fill that returns a promise only when it has to wait (e.g. for a device). */
export type MixedInPlaceFill<D extends EventData = EventData> = (
  data: D,
  bytes: Uint8Array,
) => boolean | null | undefined | Promise<boolean | null | undefined>;

/** How `runInPlace` treats the slots. */
export interface InPlaceOptions {
  /**
   * The fill writes counter, timestamp and deadtime itself (into `bytes`), e.g. when it replays
   * recorded events; the template then leaves them as they are. @default false
   */
  readonly keepMetadata?: boolean;
}

const TEMPLATE = 'Importer';

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * A source of events (0 sources, 1 sink): `run()` takes a generator function of records,
 * `runInPlace()` a function that fills each slot directly. Adds counter, timestamp and dead time.
 * Stops when the generator ends (returns, or yields null) or at the next event once a stop was
 * requested; then closes its sink.
 */
export class Importer<D extends EventData = EventData> {
  /** The sink buffer's layout (fields, data_length). */
  readonly layout: BufferLayout;
  readonly #io: BufferIO;
  readonly #writer: Writer;
  readonly #records: RecordWriter;
  #hasRun = false;

  constructor(io: BufferIO) {
    validateArity(io, TEMPLATE, { sources: 0, sinks: 1, observes: 0 });
    this.#io = io;
    this.#writer = io.sinks[0] as Writer;
    this.layout = this.#writer.buffer.layout;
    this.#records = new RecordWriter(
      this.layout,
      `worker '${io.name}': an event of the ${TEMPLATE} for buffer '${this.layout.name}'`,
    );
    io.ready();
  }

  /** Writes every event of `source()` to the sink; returns a promise when the generator is async. */
  run(source: () => AsyncIterable<ImportedEvent>): Promise<void>;
  run(source: () => Iterable<ImportedEvent>): void;
  run(source: ImportSource): void | Promise<void>;
  run(source: ImportSource): void | Promise<void> {
    if (typeof source !== 'function') {
      throw new TypeError(`Importer.run(source): source must be a generator function, got ${typeof source}`);
    }
    this.#start('run');
    let events: Iterable<ImportedEvent> | AsyncIterable<ImportedEvent>;
    try {
      events = source();
    } catch (error) {
      throw failUserFunction(this.#io, TEMPLATE, error);
    }
    if (typeof (events as Partial<AsyncIterable<unknown>>)?.[Symbol.asyncIterator] === 'function') {
      return this.#io.track(
        this.#importAsync((events as AsyncIterable<ImportedEvent>)[Symbol.asyncIterator]()),
      );
    }
    if (typeof (events as Partial<Iterable<unknown>>)?.[Symbol.iterator] === 'function') {
      this.#importSync((events as Iterable<ImportedEvent>)[Symbol.iterator]());
      return;
    }
    throw failUserFunction(
      this.#io,
      TEMPLATE,
      new UserFunctionError(
        `worker '${this.#io.name}': the ${TEMPLATE}'s source must be a generator function (function* or async function*); it returned ${typeof events}`,
      ),
    );
  }

  /**
   * Calls `fill(data, bytes)` with the views of a free slot for every event, so large events are
   * written once, straight into the buffer. Returns a promise when `fill` does.
   */
  runInPlace(fill: AsyncInPlaceFill<D>, options?: InPlaceOptions): Promise<void>;
  runInPlace(fill: InPlaceFill<D>, options?: InPlaceOptions): void;
  runInPlace(fill: MixedInPlaceFill<D>, options?: InPlaceOptions): void | Promise<void>;
  runInPlace(fill: MixedInPlaceFill<D>, options: InPlaceOptions = {}): void | Promise<void> {
    if (typeof fill !== 'function') {
      throw new TypeError(`Importer.runInPlace(fill): fill must be a function, got ${typeof fill}`);
    }
    this.#start('runInPlace');
    const stamper = new EventStamper(this.#writer, options.keepMetadata === true);
    const writer = this.#writer;
    let isUserCode = false;
    try {
      for (;;) {
        const slot = writer.acquire();
        if (slot === null) break;
        const waitedMs = writer.lastWaitSeconds * 1000;
        isUserCode = true;
        const keep = fill(slot.data as D, slot.bytes);
        isUserCode = false;
        if (isThenable(keep)) return this.#io.track(this.#fillAsync(fill, stamper, slot, keep, waitedMs));
        if (keep !== true) break;
        stamper.stamp(slot.metadata, performance.now(), waitedMs);
        writer.commit();
        stamper.committed();
      }
    } catch (error) {
      throw this.#fail(error, isUserCode, stamper);
    }
    this.#io.shutdownSinks();
  }

  async #fillAsync(
    fill: MixedInPlaceFill<D>,
    stamper: EventStamper,
    slot: SlotView,
    pending: PromiseLike<unknown>,
    waitedMs: number,
  ): Promise<void> {
    const writer = this.#writer;
    let current = slot;
    let isUserCode = true;
    try {
      let keep: unknown = await pending;
      for (;;) {
        isUserCode = false;
        if (keep !== true) break;
        stamper.stamp(current.metadata, performance.now(), waitedMs);
        writer.commit();
        stamper.committed();
        const next = writer.acquire();
        if (next === null) break;
        current = next;
        waitedMs = writer.lastWaitSeconds * 1000;
        isUserCode = true;
        keep = await fill(current.data as D, current.bytes);
      }
    } catch (error) {
      throw this.#fail(error, isUserCode, stamper);
    }
    this.#io.shutdownSinks();
  }

  #start(method: string): void {
    if (this.#hasRun) throw new TypeError(`Importer.${method}(): an Importer runs once`);
    this.#hasRun = true;
    this.#io.waitForGo();
  }

  /** Puts what the generator yielded (one record or an array of them); false once a stop was requested. */
  #putYielded(
    yielded: EventRecord | readonly EventRecord[],
    readyMs: number,
    stamper: EventStamper,
  ): boolean {
    if (!Array.isArray(yielded)) return this.#put(yielded as EventRecord, readyMs, stamper, -1);
    for (let i = 0; i < yielded.length; i++) {
      if (!this.#put(yielded[i] as EventRecord, readyMs, stamper, i)) return false;
    }
    return true;
  }

  /** Puts one record (element `batchIndex` of a batch, or -1) into the sink; false once a stop was requested. */
  #put(record: EventRecord, readyMs: number, stamper: EventStamper, batchIndex: number): boolean {
    const slot = this.#writer.acquire();
    if (slot === null) return false;
    this.#records.write(record, slot.data, batchIndex);
    stamper.stamp(slot.metadata, readyMs, null);
    this.#writer.commit();
    stamper.committed();
    return true;
  }

  #importSync(iterator: Iterator<ImportedEvent>): void {
    const stamper = new EventStamper(this.#writer);
    let isUserCode = false;
    try {
      for (;;) {
        if (this.#writer.isStopRequested) {
          isUserCode = true;
          iterator.return?.();
          break;
        }
        isUserCode = true;
        const step = iterator.next();
        isUserCode = false;
        if (step.done === true || step.value === null || step.value === undefined) break;
        if (!this.#putYielded(step.value, performance.now(), stamper)) {
          isUserCode = true;
          iterator.return?.();
          break;
        }
      }
    } catch (error) {
      if (error instanceof UserFunctionError) closeQuietly(iterator);
      throw this.#fail(error, isUserCode, stamper);
    }
    this.#io.shutdownSinks();
  }

  async #importAsync(iterator: AsyncIterator<ImportedEvent>): Promise<void> {
    const stamper = new EventStamper(this.#writer);
    let isUserCode = false;
    try {
      for (;;) {
        if (this.#writer.isStopRequested) {
          isUserCode = true;
          await iterator.return?.();
          break;
        }
        isUserCode = true;
        const step = await iterator.next();
        isUserCode = false;
        if (step.done === true || step.value === null || step.value === undefined) break;
        if (!this.#putYielded(step.value, performance.now(), stamper)) {
          isUserCode = true;
          await iterator.return?.();
          break;
        }
      }
    } catch (error) {
      if (error instanceof UserFunctionError) await closeQuietlyAsync(iterator);
      throw this.#fail(error, isUserCode, stamper);
    }
    this.#io.shutdownSinks();
  }

  /** The error to throw: user errors are logged and the sink closed; others close and pass on. */
  #fail(error: unknown, isUserCode: boolean, stamper: EventStamper): unknown {
    if (isUserCode || error instanceof UserFunctionError) {
      return failUserFunction(this.#io, TEMPLATE, error, ` after ${stamper.events} events`);
    }
    releaseAfterError(this.#io);
    return error;
  }
}

/** Lets a generator run its `finally` after the template refused one of its events. */
function closeQuietly(iterator: Iterator<unknown>): void {
  try {
    iterator.return?.();
  } catch {
    // The shape error is what the user needs to see.
  }
}

async function closeQuietlyAsync(iterator: AsyncIterator<unknown>): Promise<void> {
  try {
    await iterator.return?.();
  } catch {
    // As above.
  }
}
