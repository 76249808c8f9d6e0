import type { LogLine } from '../control/logs/index.js';
import { printableText } from './log-list.js';

/**
 * `text` broken into rows of at most `width` characters, every character kept: at the last space
 * of a row when it lies in the row's second half, else at the width (a path, a long number).
 */
export function breakIntoRows(text: string, width: number): string[] {
  const characters = Array.from(text);
  if (characters.length <= width) return [text];
  const rows: string[] = [];
  let start = 0;
  while (characters.length - start > width) {
    let end = start + width;
    const space = characters.lastIndexOf(' ', end - 1);
    if (space > start + width / 2) end = space + 1;
    rows.push(characters.slice(start, end).join(''));
    start = end;
  }
  rows.push(characters.slice(start).join(''));
  return rows;
}

// Lines are immutable and kept until they drop out of the store: each is broken once per width.
const rowsCache = new WeakMap<LogLine, { width: number; rows: readonly string[] }>();

/** The rows a log line's printable text takes at `width` characters. */
export function logRows(line: LogLine, width: number): readonly string[] {
  const cached = rowsCache.get(line);
  if (cached?.width === width) return cached.rows;
  const rows = breakIntoRows(printableText(line.text), width);
  rowsCache.set(line, { width, rows });
  return rows;
}
