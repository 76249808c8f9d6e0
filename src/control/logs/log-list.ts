import type { LogLine } from './log-line.js';

/** How many output lines a viewer keeps (the files in run_dir/logs keep everything). */
export const LOG_LINES_KEPT = 5000;

/** The list with `lines` appended, keeping the newest `limit`. */
export function appendLogLines(
  list: readonly LogLine[],
  lines: readonly LogLine[],
  limit = LOG_LINES_KEPT,
): readonly LogLine[] {
  if (lines.length === 0) return list;
  if (lines.length >= limit) return lines.slice(lines.length - limit);
  const drop = Math.max(0, list.length + lines.length - limit);
  return [...list.slice(drop), ...lines];
}
