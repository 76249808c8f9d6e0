import { BenchError } from './bench-error.js';
import type { ChildOutcome } from './child-handle.js';

/** A number from a child's result line; throws naming the child and the key if it is missing. */
export function getResultNumber(outcome: ChildOutcome, key: string): number {
  const value = outcome.result?.[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new BenchError(
      `child '${outcome.name}' (pid ${outcome.pid}) sent no number '${key}', got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** The outcome of the child named `name`; throws if the run had none. */
export function getOutcome(outcomes: readonly ChildOutcome[], name: string): ChildOutcome {
  const outcome = outcomes.find((o) => o.name === name);
  if (outcome === undefined) throw new BenchError(`the run has no child named '${name}'`);
  return outcome;
}

/** Seconds from the writer's first commit to the reader's receipt of the last event. */
export function getStreamSeconds(writer: ChildOutcome, reader: ChildOutcome): number {
  const seconds =
    (getResultNumber(reader, 'last_received_ms') - getResultNumber(writer, 'first_commit_ms')) / 1000;
  if (!(seconds > 0))
    throw new BenchError(`the last event arrived ${seconds} s after the first commit; the clocks disagree`);
  return seconds;
}
