import type { Observer as BufferObserver } from '../buffer/index.js';
import type { BufferIO } from './buffer-io.js';
import { validateArity } from './setup-checks.js';

/** Tells whether a buffer still runs (1 observed buffer, no sources or sinks). */
export class IsAlive {
  readonly #observer: BufferObserver;

  constructor(io: BufferIO) {
    validateArity(io, 'IsAlive', { sources: 0, sinks: 0, observes: 1 });
    this.#observer = io.observes[0] as BufferObserver;
    io.ready();
  }

  /** True while the observed buffer's stream has not ended. */
  alive(): boolean {
    return !this.#observer.isEnded;
  }
}
