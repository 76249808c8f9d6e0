// Drives a command in a detached tmux session of a fixed size: keys in, the screen out.
import { execFileSync } from 'node:child_process';

const POLL_INTERVAL_MS = 100;
let sessionCount = 0;

/** Whether this machine has tmux (the tests that need it are skipped without). */
export const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
})();

export interface TmuxOptions {
  readonly columns: number;
  readonly rows: number;
  /** A shell command line. */
  readonly command: string;
  readonly cwd: string;
}

/** One tmux server (its own socket) with one session; kill() ends both and what runs in them. */
export class TmuxSession {
  readonly #socket: string;
  readonly #name = 'tui';

  /** `socket` names the server; each session gets one of its own, since a killed server may still
   * hold its socket while the next test starts one (tmux: "server exited unexpectedly"). */
  constructor(socket: string) {
    this.#socket = `${socket}-${++sessionCount}`;
  }

  #tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.#socket, ...args], { encoding: 'utf8' });
  }

  /** Starts `command`; the pane stays after it exits so its last screen can be read. */
  start(options: TmuxOptions): void {
    this.#tmux(
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-s',
      this.#name,
      '-x',
      String(options.columns),
      '-y',
      String(options.rows),
      '-c',
      options.cwd,
      options.command,
      ';',
      'set-option',
      '-t',
      this.#name,
      'remain-on-exit',
      'on',
    );
  }

  /** The visible screen, one string per row. */
  screen(): string {
    return this.#tmux('capture-pane', '-p', '-t', this.#name);
  }

  /** Everything the pane has shown that is not on the screen any more, then the screen; wrapped lines joined. */
  history(): string {
    return this.#tmux('capture-pane', '-p', '-J', '-S', '-', '-t', this.#name);
  }

  /** The pid of the shell that runs the command in the pane. */
  panePid(): number {
    return Number(this.#tmux('display-message', '-p', '-t', this.#name, '#{pane_pid}').trim());
  }

  /** Sends tmux key names ('q', 'Down', 'C-c'), one at a time. */
  press(...keys: string[]): void {
    for (const key of keys) this.#tmux('send-keys', '-t', this.#name, key);
  }

  resize(columns: number, rows: number): void {
    this.#tmux('resize-window', '-t', this.#name, '-x', String(columns), '-y', String(rows));
  }

  /** Polls the screen until `isReady` returns something; fails after `timeoutMs` with the screen. */
  async waitFor<T>(
    what: string,
    isReady: (screen: string) => T | undefined | false,
    timeoutMs = 20_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      const value = isReady(screen);
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline)
        throw new Error(`waited ${timeoutMs} ms for ${what}; the screen was:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  /** Waits until the screen shows `text`. */
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string> {
    return this.waitFor(
      `${String(text)}`,
      (screen) =>
        (typeof text === 'string' ? screen.includes(text) : text.test(screen)) ? screen : undefined,
      timeoutMs,
    );
  }

  /** Ends the server, the session and every process in it. */
  kill(): void {
    try {
      this.#tmux('kill-server');
    } catch {
      // already gone
    }
  }
}
