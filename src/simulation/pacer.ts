/** A source that fell this far behind goes on from now instead of sending what it missed at once. */
const MAX_LAG_MS = 100;

/**
 * Spaces the events of a simulated source in time: each is due one gap after the previous one
 * was due, so the time spent making an event does not add to the gaps, and exponential gaps make
 * a Poisson process. Sleeps in Atomics.wait: timers cannot wait 0.1 ms, and the CPU stays free.
 */
export class Pacer {
  readonly #sleeper = new Int32Array(new SharedArrayBuffer(4));
  #dueMs = performance.now();

  /** Blocks until `gapS` seconds after the previous event was due (at once for 0). */
  wait(gapS: number): void {
    if (!(gapS > 0)) return;
    const now = performance.now();
    if (now - this.#dueMs > MAX_LAG_MS) this.#dueMs = now;
    this.#dueMs += gapS * 1000;
    const waitMs = this.#dueMs - now;
    if (waitMs > 0) Atomics.wait(this.#sleeper, 0, 0, waitMs);
  }
}
