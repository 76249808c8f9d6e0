/**
 * Waits until `dueMs` (performance.now() time): sleeps in Atomics.wait until shortly before (the
 * kernel may wake a sleeper up to 50 µs late), then spins. The same pacing as the bench's paced
 * importer (setup-run/worker-module.ts), so F and its reference probe are paced alike.
 */
export class Pacer {
  readonly #sleeper = new Int32Array(new SharedArrayBuffer(4));

  /** Returns performance.now() once it is at or past `dueMs`. */
  waitUntil(dueMs: number): number {
    let now = performance.now();
    const sleepMs = dueMs - now - SPIN_MARGIN_MS;
    if (sleepMs > MIN_SLEEP_MS) {
      Atomics.wait(this.#sleeper, 0, 0, sleepMs);
      now = performance.now();
    }
    while (now < dueMs) now = performance.now();
    return now;
  }
}

/** Spin for the last 60 µs: Linux's default timer slack is 50 µs. */
const SPIN_MARGIN_MS = 0.06;
const MIN_SLEEP_MS = 0.005;
