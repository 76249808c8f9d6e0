import { blockFor } from '../../buffer/index.js';

/** A source that fell this far behind its schedule starts afresh from now (no burst after a stall). */
const MAX_LAG_MS = 100;
/** Longest single sleep: a stop request is noticed within this time. */
const STOP_CHECK_MS = 50;

/**
 * Due times of a paced source (performance.now() milliseconds): each event is due one gap after
 * the previous one was due, so timer jitter does not add up; a source held up for longer than
 * MAX_LAG_MS (a full buffer) goes on from now instead of sending what it missed at once.
 */
export class Schedule {
  #dueMs: number | undefined;

  /** The due time of the next event, `gapMs` after the previous one (after now for the first). */
  next(gapMs: number): number {
    const now = performance.now();
    const previous = this.#dueMs === undefined || now - this.#dueMs > MAX_LAG_MS ? now : this.#dueMs;
    this.#dueMs = previous + gapMs;
    return this.#dueMs;
  }
}

/**
 * Blocks this process until `dueMs` (performance.now() time), sleeping in slices that end early
 * enough to see a stop request; false when one came. No CPU is used while it waits.
 */
export function waitUntil(dueMs: number, isStopRequested: () => boolean): boolean {
  for (;;) {
    if (isStopRequested()) return false;
    const remainingMs = dueMs - performance.now();
    if (remainingMs <= 0) return true;
    blockFor(Math.min(remainingMs, STOP_CHECK_MS));
  }
}
