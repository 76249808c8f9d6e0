/** At most this many refused requests are written to control.log per window. */
const MAX_LINES_PER_WINDOW = 10;
const WINDOW_MS = 60_000;

/**
 * Writes refused requests to control.log without letting a scanner fill the disk: up to ten
 * lines a minute, then one line that counts the rest.
 */
export class RefusalLog {
  readonly #write: (line: string) => void;
  #windowStart = 0;
  #written = 0;
  #suppressed = 0;

  constructor(write: (line: string) => void) {
    this.#write = write;
  }

  refused(line: string, now = Date.now()): void {
    if (now - this.#windowStart >= WINDOW_MS) {
      if (this.#suppressed > 0)
        this.#write(`web: ${this.#suppressed} more refused requests in the last minute were not logged`);
      this.#windowStart = now;
      this.#written = 0;
      this.#suppressed = 0;
    }
    if (this.#written < MAX_LINES_PER_WINDOW) {
      this.#written++;
      this.#write(line);
    } else this.#suppressed++;
  }
}
