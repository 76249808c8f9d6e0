// control.log in the run directory: what control itself did and saw (a process that ended or
// was killed, --duration reached, the stages of a shutdown, the user's commands), one line each
// with its time. Written synchronously, so that it is complete up to the last notice even when
// control is killed. It is not under logs/, where a worker could be named `control`.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The file's name in the run directory. */
export const CONTROL_LOG_FILE = 'control.log';

/** Appends timestamped lines to control.log; after close() (or a failed open) it writes nothing. */
export class ControlLog {
  readonly path: string;
  #fd: number | undefined;

  constructor(runDirectory: string) {
    this.path = join(runDirectory, CONTROL_LOG_FILE);
    this.#fd = openSync(this.path, 'a');
  }

  /** One line per line of `message`, each starting with the ISO time: `2025-07-29T14:03:59.123Z message`. */
  write(message: string, now = new Date()): void {
    if (this.#fd === undefined) return;
    const time = now.toISOString();
    const text = message
      .split('\n')
      .map((line) => `${time} ${line}\n`)
      .join('');
    try {
      writeSync(this.#fd, text);
    } catch {
      // A full disk must not stop the run; the notice still reaches the screen.
    }
  }

  close(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}
