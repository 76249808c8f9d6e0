import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DisplayFrame } from '../display/index.js';
import type { PictureRequest, SavedPictures } from './save-pictures.js';

// Always the compiled thread, also when this module is loaded from src/ (as worker-process.ts).
const THREAD_PATH = fileURLToPath(new URL('../../dist/pictures/picture-thread.js', import.meta.url));
/** At most this long for the pictures of a run; then they are given up (and said so). */
const DEFAULT_TIMEOUT_MS = 60_000;

const NOTHING: SavedPictures = { files: [], problems: [], seconds: 0 };

/**
 * Control's side of the pictures of a run: prepare() starts a thread that loads the charting
 * libraries while the run goes on (Run calls it when the first display appears); save() has it
 * draw the displays' last frames at the end. Never throws: what goes wrong comes back as problems.
 */
export class PicturePainter {
  readonly #timeoutMs: number;
  #thread: Worker | undefined;

  constructor(timeoutMs = DEFAULT_TIMEOUT_MS) {
    this.#timeoutMs = timeoutMs;
  }

  get isPrepared(): boolean {
    return this.#thread !== undefined;
  }

  /** Starts the thread (once); it stays idle after loading. */
  prepare(): void {
    if (this.#thread !== undefined) return;
    this.#thread = new Worker(THREAD_PATH);
    this.#thread.unref();
    // An error before save() is reported by save() as the thread's exit.
    this.#thread.on('error', () => undefined);
  }

  /** Draws `frames` into `directory` and ends the thread; with no frames it only ends it. */
  async save(frames: readonly DisplayFrame[], directory: string): Promise<SavedPictures> {
    if (frames.length === 0) {
      await this.close();
      return NOTHING;
    }
    this.prepare();
    const thread = this.#thread as Worker;
    const started = performance.now();
    const saved = await new Promise<SavedPictures>((resolve) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const settle = (result: SavedPictures) => {
        clearTimeout(timer);
        thread.off('message', settle);
        thread.off('exit', onExit);
        resolve(result);
      };
      const fail = (why: string) =>
        settle({ files: [], problems: [`the pictures of the displays were not saved: ${why}`], seconds: 0 });
      const onExit = (code: number) => fail(`the drawing thread ended with code ${code}`);
      timer = setTimeout(() => fail(`not drawn within ${this.#timeoutMs / 1000} s`), this.#timeoutMs);
      thread.on('message', settle);
      thread.on('exit', onExit);
      thread.ref();
      const request: PictureRequest = { frames, directory };
      thread.postMessage(request);
    });
    await this.close();
    return { ...saved, seconds: (performance.now() - started) / 1000 };
  }

  /** Ends the thread, if there is one. */
  async close(): Promise<void> {
    const thread = this.#thread;
    this.#thread = undefined;
    if (thread !== undefined) await thread.terminate();
  }
}
