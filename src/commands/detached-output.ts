import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/** The messages of the background control to `run --detach` (over the IPC channel). */
export type DetachMessage =
  | { readonly type: 'output'; readonly stream: 'stdout' | 'stderr'; readonly line: string }
  | { readonly type: 'started'; readonly runDirectory: string; readonly pid: number };

/** Where a detached control writes what it would print once it has started: the run directory. */
export const DETACHED_OUTPUT_FILE = 'control.out';

/**
 * Output of the background control of `run --detach`: while it starts, lines go to the starting
 * `mimocorb2 run` (which prints them); once the run has started, to control.out in the run
 * directory (notices, the summary), together with the stack of anything that crashes control.
 */
export class DetachedOutput {
  #file: string | undefined;

  constructor() {
    process.on('uncaughtExceptionMonitor', (error) => this.#write(String(error.stack ?? error)));
  }

  readonly print = (line: string): void => this.#emit('stdout', line);
  readonly printError = (line: string): void => this.#emit('stderr', line);

  /** The run has started: tell the starting process (which then returns) and write to the file. */
  readonly started = (runDirectory: string): void => {
    this.#file = join(runDirectory, DETACHED_OUTPUT_FILE);
    const message: DetachMessage = { type: 'started', runDirectory, pid: process.pid };
    this.#send(message, () => {
      if (process.connected) process.disconnect();
    });
  };

  #emit(stream: 'stdout' | 'stderr', line: string): void {
    if (this.#file !== undefined) this.#write(line);
    else this.#send({ type: 'output', stream, line });
  }

  #write(line: string): void {
    if (this.#file === undefined) return;
    try {
      appendFileSync(this.#file, line + '\n');
    } catch {
      // A full disk must not stop the run.
    }
  }

  /** The starting process may be gone (its terminal closed): then the line is dropped. */
  #send(message: DetachMessage, then: () => void = () => undefined): void {
    if (process.send === undefined || !process.connected) return then();
    try {
      process.send(message, undefined, {}, () => then());
    } catch {
      then();
    }
  }
}
