import { closeSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { workerLogPath } from '../log-files.js';

/** A worker's log file is rotated beyond this many bytes. @default 64 MiB */
export const DEFAULT_LOG_MAX_BYTES = 64 * 2 ** 20;
/** Rotated files kept per worker (`<worker>.log.1` newest ... `.4` oldest). */
export const DEFAULT_LOG_KEEP = 4;

/**
 * Keeps the worker logs of a long run from filling the disk: a log past `maxBytes` becomes
 * `<worker>.log.1` (older ones shift up, the oldest beyond `keep` is removed) and a new empty
 * `<worker>.log` is made; the worker processes notice within a second and write there. A process
 * writes on into the renamed file until then, so no line is lost.
 */
export class LogRotation {
  readonly #files: readonly string[];
  readonly #maxBytes: number;
  readonly #keep: number;

  constructor(
    logsDir: string,
    workers: readonly string[],
    maxBytes = DEFAULT_LOG_MAX_BYTES,
    keep = DEFAULT_LOG_KEEP,
  ) {
    this.#files = workers.map((worker) => workerLogPath(logsDir, worker));
    this.#maxBytes = maxBytes;
    this.#keep = keep;
  }

  /** Rotates every log past its size; returns the files rotated. Never throws (a log may be gone). */
  check(): string[] {
    const rotated: string[] = [];
    for (const file of this.#files) {
      try {
        if (statSync(file).size <= this.#maxBytes) continue;
        rmSync(`${file}.${this.#keep}`, { force: true });
        for (let k = this.#keep - 1; k >= 1; k--) {
          if (statSync(`${file}.${k}`, { throwIfNoEntry: false }) !== undefined)
            renameSync(`${file}.${k}`, `${file}.${k + 1}`);
        }
        renameSync(file, `${file}.1`);
        closeSync(openSync(file, 'a'));
        rotated.push(file);
      } catch {
        // Gone with its directory, or the disk is full: nothing to rotate now.
      }
    }
    return rotated;
  }
}
