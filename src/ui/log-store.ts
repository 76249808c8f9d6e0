import { CONTROL_LOG_NAME } from '../control/live/index.js';
import { appendLogLines, isErrorNotice, type LogLine } from '../control/logs/index.js';

export { CONTROL_LOG_NAME };

/**
 * The newest output lines, kept outside React state: they are collected from the start of the run
 * (before the TUI has drawn), and only the Logs tab, while shown, redraws when lines come.
 */
export class LogStore {
  #lines: readonly LogLine[] = [];
  readonly #listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  readonly getLines = (): readonly LogLine[] => this.#lines;

  append(lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    this.#lines = appendLogLines(this.#lines, lines);
    for (const listener of this.#listeners) listener();
  }

  appendNotice(text: string): void {
    this.append([{ worker: CONTROL_LOG_NAME, processIndex: undefined, text, isError: isErrorNotice(text) }]);
  }
}
