import { UserFunctionError } from '../errors.js';
import type { BufferIO } from './buffer-io.js';

// What a Filter function, or an in-place Processor function, says about an event: `true` every
// sink, `false`, `null` or `undefined` none (a function that returns nothing drops the event),
// or one boolean per sink. Anything else (a number, a string, an array of numbers) is a mistake,
// such as `data.energy[0]` for `data.energy[0] > cut`, and stops the worker rather than passing
// every event.

/** Whether the verdict drops the event: false, null or undefined. */
export function isDrop(verdict: unknown): verdict is false | null | undefined {
  return verdict === false || verdict === null || verdict === undefined;
}

/** Whether `value` holds exactly `count` booleans, one per sink. */
export function isSinkSelection(value: unknown, count: number): value is readonly boolean[] {
  if (!Array.isArray(value) || value.length !== count) return false;
  for (let i = 0; i < count; i++) if (typeof value[i] !== 'boolean') return false;
  return true;
}

/** The error for a verdict that is none of those, naming the worker, the value and the event. */
export function badVerdictError(
  io: BufferIO,
  what: string,
  verdict: unknown,
  counter: number,
): UserFunctionError {
  const count = io.sinks.length;
  const sinks = io.sinks.map((sink) => sink.buffer.name).join(', ');
  const perSink =
    count === 1
      ? `[true] or [false] (sink ${sinks})`
      : `an array of ${count} booleans (one per sink: ${sinks})`;
  const odd = Array.isArray(verdict) ? verdict.findIndex((entry) => typeof entry !== 'boolean') : -1;
  const got =
    Array.isArray(verdict) && verdict.length === count && odd >= 0
      ? `an array with ${describeReturn(verdict[odd])} at index ${odd}`
      : describeReturn(verdict);
  return new UserFunctionError(
    `worker '${io.name}': the ${what} function must return true (pass the event on), false, null or ` +
      `undefined (drop it), or ${perSink}; it returned ${got} on the event with counter ${counter}`,
  );
}

/** What a user function returned, for an error message: `number 0.53`, `string "high"`, `an array of 3`. */
export function describeReturn(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Promise) return 'a Promise (the function must be synchronous)';
  if (typeof value === 'object' && value !== null)
    return `an object (${value.constructor?.name ?? 'no prototype'})`;
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}
