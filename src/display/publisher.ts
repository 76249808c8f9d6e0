import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDisplayContent } from './check-content.js';
import type { DisplayContent, NumberList } from './content.js';
import { displayFileName, type DisplayFrame } from './frame.js';

export interface DisplayPublisherOptions {
  /**
   * At most this many frames a second (1/60 to 10). A frame published sooner is kept and written
   * by the next publish() after the interval, or by flush() (the worker's end calls it).
   * @default 5
   */
  readonly maxRateHz?: number;
}

const DEFAULT_RATE_HZ = 5;
const MAX_RATE_HZ = 10;
const MIN_RATE_HZ = 1 / 60;

/** Typed arrays become plain arrays in the file (JSON would make objects of them). */
function plainArrays(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView)
    ? Array.from(value as unknown as ArrayLike<number>)
    : value;
}

/**
 * Publishes one display of a worker process to control's TUI: each frame is written whole to a
 * small file in the run's display directory (a temporary file renamed over the last, so a reader
 * never sees half a frame). It never waits for control and never slows the data: at most
 * `maxRateHz` frames a second are written, the newest one wins.
 */
export class DisplayPublisher {
  readonly name: string;
  readonly #path: string | undefined;
  readonly #temporaryPath: string | undefined;
  readonly #identity: Pick<DisplayFrame, 'worker' | 'processIndex' | 'name'>;
  readonly #intervalMs: number;
  readonly #onWriteError: (message: string) => void;
  #lastWriteMs = -Infinity;
  #pending: DisplayContent<NumberList> | undefined;
  #sequence = 0;
  #hasReportedWriteError = false;

  /**
   * `directory` undefined: the worker runs without control (a test, a script); frames are checked
   * and counted but written nowhere. `onWriteError` hears once of a frame that could not be written.
   */
  constructor(
    directory: string | undefined,
    identity: Pick<DisplayFrame, 'worker' | 'processIndex' | 'name'>,
    options: DisplayPublisherOptions = {},
    onWriteError: (message: string) => void = () => undefined,
  ) {
    const rate = options.maxRateHz ?? DEFAULT_RATE_HZ;
    if (!(rate >= MIN_RATE_HZ && rate <= MAX_RATE_HZ))
      throw new RangeError(
        `display '${identity.name}' of worker '${identity.worker}': maxRateHz must be between 1/60 and ${MAX_RATE_HZ}, got ${rate}`,
      );
    if (identity.name === '')
      throw new RangeError(`worker '${identity.worker}': a display needs a name, got ''`);
    this.name = identity.name;
    this.#identity = identity;
    this.#intervalMs = 1000 / rate;
    this.#onWriteError = onWriteError;
    if (directory !== undefined) {
      const fileName = displayFileName(identity.worker, identity.processIndex, identity.name);
      this.#path = join(directory, fileName);
      this.#temporaryPath = join(directory, `.${fileName}.tmp`);
    }
  }

  /** Frames written so far. */
  get sequence(): number {
    return this.#sequence;
  }

  /**
   * Shows `content` in the display's tab: now, if the last frame is at least 1/maxRateHz old,
   * else with the next publish() or flush(). Throws when the content is not a display (the
   * message names the worker, the display and the key). Returns whether it was written now.
   */
  publish(content: DisplayContent<NumberList>): boolean {
    const now = performance.now();
    if (now - this.#lastWriteMs < this.#intervalMs) {
      this.#pending = content;
      return false;
    }
    this.#write(content, now);
    return true;
  }

  /** Writes a frame that publish() kept for later, if there is one. */
  flush(): void {
    if (this.#pending !== undefined) this.#write(this.#pending, performance.now());
  }

  #write(content: DisplayContent<NumberList>, now: number): void {
    this.#pending = undefined;
    const problems = checkDisplayContent(content);
    if (problems.length > 0)
      throw new TypeError(
        `display '${this.name}' of worker '${this.#identity.worker}': ${problems.slice(0, 5).join('; ')}`,
      );
    this.#lastWriteMs = now;
    this.#sequence++;
    if (this.#path === undefined || this.#temporaryPath === undefined) return;
    // What control reads back: the typed arrays become plain arrays on the way (plainArrays).
    const frame: Omit<DisplayFrame, 'content'> & { content: DisplayContent<NumberList> } = {
      ...this.#identity,
      sequence: this.#sequence,
      publishedAtS: (performance.timeOrigin + now) / 1000,
      content,
    };
    try {
      writeFileSync(this.#temporaryPath, JSON.stringify(frame, plainArrays), { mode: 0o600 });
      renameSync(this.#temporaryPath, this.#path);
    } catch (error) {
      // The run's display directory goes when the run ends; a display must never stop the data.
      if (this.#hasReportedWriteError) return;
      this.#hasReportedWriteError = true;
      this.#onWriteError(
        `display '${this.name}' could not be written (${(error as Error).message}); later frames that fail are not reported`,
      );
    }
  }
}
