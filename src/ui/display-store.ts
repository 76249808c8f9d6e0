import { displayKey, type DisplayFrame } from '../display/index.js';

/**
 * The newest frame of every display the workers publish, kept outside React state like the logs.
 * Displays keep the order in which they first appeared (their tabs follow it); a display stays
 * after its process has ended, with its last frame.
 */
export class DisplayStore {
  #frames: readonly DisplayFrame[] = [];
  readonly #listeners = new Set<() => void>();
  readonly #watchers = new Set<object>();
  readonly #onWatchChange: (isWatched: boolean) => void;

  /** `onWatchChange`: a display tab was shown (read the files more often) or hidden. */
  constructor(onWatchChange: (isWatched: boolean) => void = () => undefined) {
    this.#onWatchChange = onWatchChange;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  /** Every display's newest frame, in the order the displays first appeared. */
  readonly getFrames = (): readonly DisplayFrame[] => this.#frames;

  /**
   * A tab showing a display calls this while it is shown: the frames then come at the displays'
   * own rate (up to 10 a second) instead of once a second. Returns the function that stops it.
   */
  readonly watch = (): (() => void) => {
    const token = {};
    this.#watchers.add(token);
    if (this.#watchers.size === 1) this.#onWatchChange(true);
    return () => {
      if (this.#watchers.delete(token) && this.#watchers.size === 0) this.#onWatchChange(false);
    };
  };

  get isWatched(): boolean {
    return this.#watchers.size > 0;
  }

  /** Takes newer frames (older or equal sequences of a display are ignored). */
  update(frames: readonly DisplayFrame[]): void {
    if (frames.length === 0) return;
    const next = [...this.#frames];
    const at = new Map(next.map((frame, i) => [displayKey(frame), i]));
    let isChanged = false;
    for (const frame of frames) {
      const i = at.get(displayKey(frame));
      if (i === undefined) {
        at.set(displayKey(frame), next.length);
        next.push(frame);
        isChanged = true;
      } else if (frame.sequence > (next[i] as DisplayFrame).sequence) {
        next[i] = frame;
        isChanged = true;
      }
    }
    if (!isChanged) return;
    this.#frames = next;
    for (const listener of this.#listeners) listener();
  }
}
