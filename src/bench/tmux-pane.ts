import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { BenchError } from './bench-error.js';
import type { CleanupRegistry } from './cleanup.js';

/** What runs in the pane, and on how large a terminal. */
export interface TmuxPaneSpec {
  /** A node script and its arguments; CI variables are removed, as Ink draws nothing under CI. */
  readonly script: string;
  readonly args: readonly string[];
  readonly columns: number;
  readonly rows: number;
}

const SESSION = 'bench';
const EXIT_MARKER = 'mimocorb2-bench: the program exited with ';

/** Quotes a word for the shell line tmux runs. */
function shellWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * A program in a detached tmux pane (a real terminal that draws every frame, as a person's does),
 * on a tmux server of its own. The pane stays after the program exits so its last output can be
 * read. `close()` ends the server and everything in it; the cleanup registry does it on Ctrl-C.
 */
export class TmuxPane {
  readonly #socket: string;
  readonly #removeCleanup: () => void;

  constructor(spec: TmuxPaneSpec, cleanup: CleanupRegistry) {
    this.#socket = `mimocorb2-bench-${process.pid}`;
    this.#removeCleanup = cleanup.add(() => this.#killServer());
    const program = ['env', '-u', 'CI', process.execPath, spec.script, ...spec.args].map(shellWord).join(' ');
    // tmux 3.3 does not see a node program's exit status (#{pane_dead_status} stays empty): the shell prints it.
    const command = `${program}; echo "${EXIT_MARKER}$?"`;
    try {
      this.#tmux(
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-s',
        SESSION,
        '-x',
        String(spec.columns),
        '-y',
        String(spec.rows),
        command,
        ';',
        'set-option',
        '-t',
        SESSION,
        'remain-on-exit',
        'on',
      );
    } catch (error) {
      this.close();
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ' (is tmux installed?)' : '';
      throw new BenchError(`tmux could not start ${spec.script}${missing}: ${(error as Error).message}`);
    }
  }

  #tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.#socket, ...args], { encoding: 'utf8' });
  }

  #killServer(): void {
    try {
      this.#tmux('kill-server');
    } catch {
      // already gone
    }
  }

  /** The visible screen. */
  screen(): string {
    return this.#tmux('capture-pane', '-p', '-t', SESSION);
  }

  /** Every line the pane showed, wrapped lines joined. */
  history(): string[] {
    return this.#tmux('capture-pane', '-p', '-J', '-S', '-', '-t', SESSION).split('\n');
  }

  /** The program's pid while it runs (a child of the pane's shell). */
  pid(): number | undefined {
    const shell = this.#tmux('display-message', '-p', '-t', SESSION, '#{pane_pid}').trim();
    const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim();
    return children === '' ? undefined : Number(children.split(' ')[0]);
  }

  /** The program's exit status once it has exited, else undefined. */
  exitStatus(): number | undefined {
    const marker = this.history().findLast((line) => line.startsWith(EXIT_MARKER));
    return marker === undefined ? undefined : Number(marker.slice(EXIT_MARKER.length));
  }

  press(key: string): void {
    this.#tmux('send-keys', '-t', SESSION, key);
  }

  close(): void {
    this.#removeCleanup();
  }
}

/**
 * Checks `isReady` every `intervalMs` until it gives a value; fails at `deadline` (ms since the
 * epoch) with `describe()`, which says what was seen.
 */
export async function pollUntil<T>(
  what: string,
  isReady: () => T | undefined,
  intervalMs: number,
  deadline: number,
  describe: () => string,
): Promise<T> {
  for (;;) {
    const value = isReady();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new BenchError(`waited in vain for ${what}; ${describe()}`);
    await delay(intervalMs);
  }
}
