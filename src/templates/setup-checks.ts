import type { BufferLayout, RingBuffer } from '../buffer/index.js';
import { WorkerSetupError } from '../errors.js';
import type { BufferIO } from './buffer-io.js';

/** How many buffers of one kind a template takes: exactly n, or at least `min`. */
export type BufferCount = number | { readonly min: number };

/** The buffers a template needs (the same as the original's templates). */
export interface TemplateArity {
  readonly sources: BufferCount;
  readonly sinks: BufferCount;
  readonly observes: BufferCount;
}

const KINDS = ['sources', 'sinks', 'observes'] as const;
const SINGULAR = { sources: 'source', sinks: 'sink', observes: 'observed buffer' } as const;

function countText(kind: (typeof KINDS)[number], count: BufferCount): string {
  const n = typeof count === 'number' ? count : count.min;
  const noun = n === 1 ? SINGULAR[kind] : kind === 'observes' ? 'observed buffers' : kind;
  if (typeof count === 'number')
    return n === 0 ? `no ${kind === 'observes' ? 'observed buffers' : kind}` : `${n} ${noun}`;
  return n === 0 ? `any number of ${kind}` : `at least ${n} ${noun}`;
}

function fits(given: number, count: BufferCount): boolean {
  return typeof count === 'number' ? given === count : given >= count.min;
}

function namesOf(buffers: readonly { readonly buffer: RingBuffer }[]): string {
  return buffers.length === 0 ? '' : ` (${buffers.map((b) => b.buffer.name).join(', ')})`;
}

/**
 * Closes what the worker opened (unless control does, see BufferIO.isSupervised) and returns the
 * error to throw: the run has not started, so nothing is drained (control aborts the run when a
 * worker fails before it is ready).
 */
export function failSetup(io: BufferIO, message: string): WorkerSetupError {
  if (io.isSupervised) return new WorkerSetupError(message);
  io.shutdownSinks();
  io.closeSources();
  return new WorkerSetupError(message);
}

/** Throws WorkerSetupError unless the worker has the buffers `template` needs. */
export function validateArity(io: BufferIO, template: string, arity: TemplateArity): void {
  const given = { sources: io.sources, sinks: io.sinks, observes: io.observes };
  const wrong = KINDS.filter((kind) => !fits(given[kind].length, arity[kind]));
  if (wrong.length === 0) return;
  const needs = KINDS.map((kind) => countText(kind, arity[kind])).join(', ');
  const got = KINDS.map((kind) => `${given[kind].length} ${kind}${namesOf(given[kind])}`).join(', ');
  throw failSetup(
    io,
    `worker '${io.name}': ${template} needs ${needs}; got ${got}. ` +
      `Fix ${wrong.join(' and ')} of Workers.${io.name} in the setup file.`,
  );
}

/** `ch1: <f4, ch2: <f4`: a buffer's fields for messages. */
export function describeFields(layout: BufferLayout): string {
  return layout.fields.map((f) => `${f.name}: ${f.dtype.descr}`).join(', ');
}

/** What differs between two buffers' data_length and data_dtype (field order included), or null. */
export function describeLayoutMismatch(expected: BufferLayout, given: BufferLayout): string | null {
  const problems: string[] = [];
  if (expected.dataLength !== given.dataLength) {
    problems.push(`data_length ${given.dataLength} instead of ${expected.dataLength}`);
  }
  const same =
    expected.fields.length === given.fields.length &&
    expected.fields.every(
      (f, i) => f.name === given.fields[i]?.name && f.dtype.descr === given.fields[i]?.dtype.descr,
    );
  if (!same) {
    problems.push(`data_dtype {${describeFields(given)}} instead of {${describeFields(expected)}}`);
  }
  return problems.length === 0 ? null : problems.join(' and ');
}

/** Throws WorkerSetupError unless every sink has the source's data_length and data_dtype. */
export function validateSinksMatchSource(io: BufferIO, template: string): void {
  const source = io.sources[0]?.buffer;
  if (source === undefined) return;
  for (const sink of io.sinks) {
    const mismatch = describeLayoutMismatch(source.layout, sink.buffer.layout);
    if (mismatch === null) continue;
    throw failSetup(
      io,
      `worker '${io.name}': ${template} copies events unchanged, so its sink '${sink.buffer.name}' must have the ` +
        `data_length and data_dtype of its source '${source.name}'; the sink has ${mismatch}. ` +
        `Make Buffers.${sink.buffer.name} match Buffers.${source.name} in the setup file.`,
    );
  }
}
